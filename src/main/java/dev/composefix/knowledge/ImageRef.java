package dev.composefix.knowledge;

/**
 * An image reference split the way registries read it: {@code [registry/]path[:tag][@digest]}.
 * Docker Hub's implied {@code docker.io/} and {@code library/} are dropped from {@link #path()}, so
 * {@code postgres}, {@code library/postgres} and {@code docker.io/library/postgres} are one image.
 */
public record ImageRef(String registry, String path, String tag, String digest, boolean variables) {

  public static ImageRef parse(String ref) {
    String s = ref.strip();
    boolean vars = s.contains("${") || s.contains("$");
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      s = s.substring(0, at);
    }
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
    }
    String registry = null;
    int slash = s.indexOf('/');
    if (slash > 0) {
      String first = s.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        s = s.substring(slash + 1);
      }
    }
    if (registry == null || registry.equals("docker.io") || registry.equals("index.docker.io")) {
      registry = null;
      if (s.startsWith("library/")) {
        s = s.substring("library/".length());
      }
    }
    return new ImageRef(registry, s.toLowerCase(), tag, digest, vars);
  }

  /**
   * The path with its registry, as a table of images names it: {@code postgres}, {@code
   * gcr.io/distroless/static}.
   */
  public String name() {
    return registry == null ? path : registry + "/" + path;
  }

  /** The tag as written, or "latest" when neither tag nor digest is given. */
  public String effectiveTag() {
    return tag != null ? tag : digest != null ? null : "latest";
  }
}
