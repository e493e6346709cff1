package dev.composefix.knowledge;

import dev.composefix.schema.Packed;
import dev.composefix.schema.Values;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knowledge tables shipped as YAML resources under /knowledge/ (per-image facts, each entry with
 * its public source). Loaded lazily, once, on first use: a run that needs no table reads none.
 */
public final class Knowledge {
  private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

  private Knowledge() {}

  /**
   * The resource /knowledge/NAME.yaml as plain values (maps, lists, strings, numbers, booleans),
   * read from the packed form the build makes of it ({@link Packed}).
   */
  public static Object load(String name) {
    return CACHE.computeIfAbsent(
        name,
        n -> {
          String resource = "/knowledge/" + n + ".yaml" + Packed.SUFFIX;
          try (InputStream in = Knowledge.class.getResourceAsStream(resource)) {
            if (in == null) {
              throw new IllegalStateException(
                  "missing resource " + resource + " (made by the build from the .yaml)");
            }
            return Packed.unpack(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * The table parsed from its YAML source, as {@link #load} would give it: for the test that checks
   * the packed form.
   */
  public static Object parseSource(String name) throws IOException, YamlException, Values.TooLarge {
    try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/" + name + ".yaml")) {
      if (in == null) {
        throw new IOException("missing resource /knowledge/" + name + ".yaml");
      }
      return Values.of(Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).root);
    }
  }

  /** The list under a top-level key of a table, or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> entries(String name, String key) {
    Object root = load(name);
    if (root instanceof Map<?, ?> m && m.get(key) instanceof List<?> l) {
      return (List<Map<String, Object>>) l;
    }
    return List.of();
  }

  /**
   * Whether an image matches a table pattern: {@code NAME[:TAG]} where NAME is compared with {@link
   * ImageRef#name()} and both parts may use {@code *} as a wildcard; a pattern without a tag
   * matches any tag. A digest-only reference matches a pattern only when the pattern has no tag.
   */
  public static boolean matches(ImageRef ref, String pattern) {
    String p = pattern;
    String tagPattern = null;
    int colon = p.lastIndexOf(':');
    if (colon > p.lastIndexOf('/')) {
      tagPattern = p.substring(colon + 1);
      p = p.substring(0, colon);
    }
    if (!glob(p.toLowerCase(), ref.name())) {
      return false;
    }
    if (tagPattern == null) {
      return true;
    }
    String tag = ref.effectiveTag();
    return tag != null && glob(tagPattern, tag);
  }

  /** Glob with {@code *} only. */
  public static boolean glob(String pattern, String s) {
    int p = 0;
    int i = 0;
    int star = -1;
    int mark = 0;
    while (i < s.length()) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == s.charAt(i)) {
        p++;
        i++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = i;
      } else if (star >= 0) {
        p = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
