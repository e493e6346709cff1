package dev.composefix.compose;

import dev.composefix.config.Config;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a compose file is for: running the application (production, the default) or developing,
 * testing or building it (development: a dev, local, test, CI or e2e stack). Lifecycle rules
 * (restart policy, stop grace period, log rotation, resources) leave development files alone;
 * security rules apply to every file.
 *
 * <p>Read from the file's name and the directories of the path it was given by, unless the nearest
 * {@code .composefix.yaml} says otherwise ({@code purpose:} per glob). Example and sample files and
 * directories count as production: a directory of examples of self-hosted applications is where
 * users copy their production stacks from.
 */
public record Purpose(boolean production, String reason) {
  public static final Purpose PRODUCTION = new Purpose(true, null);

  /** Words of a file name (split at '.', '-' and '_') that mark a development, test or CI file. */
  static final Set<String> DEV_FILE_WORDS =
      Set.of(
          "dev",
          "devel",
          "develop",
          "development",
          "local",
          "test",
          "tests",
          "testing",
          "ci",
          "e2e",
          "debug",
          "integration",
          "it");

  /** Directory names (or words of them) that hold development, test or CI stacks. */
  static final Set<String> DEV_DIR_WORDS =
      Set.of(
          "test",
          "tests",
          "testing",
          "e2e",
          "ci",
          ".ci",
          ".github",
          ".gitlab",
          ".circleci",
          ".buildkite",
          ".devcontainer",
          "devcontainer",
          "integration",
          "testdata",
          "dev",
          "devenv",
          "development",
          "debug",
          "playwright",
          "cypress",
          "__tests__");

  /**
   * Per directory, the root of the repository it lies in (the directory itself when there is none).
   */
  private static final Map<Path, Optional<Path>> ROOTS = new ConcurrentHashMap<>();

  /**
   * The file's path within its project, so that only the project's own directories speak for it,
   * never the machine's (a checkout under {@code /builds/ci/}): the name as shown when it is
   * relative (to the current directory); for an absolute one, the path below the nearest directory
   * that holds {@code .git}, or else the name less the directories it shares with the current one.
   */
  static String projectName(String name, Path path) {
    if (name != null && !name.startsWith("/")) {
      return name; // relative to the current directory: the user's own view of the project
    }
    if (path != null) {
      Path abs = path.toAbsolutePath().normalize();
      Path dir = abs.getParent();
      if (dir != null) {
        Optional<Path> root = ROOTS.computeIfAbsent(dir, Purpose::repositoryRoot);
        if (root.isPresent()) {
          return root.get().relativize(abs).toString();
        }
      }
    }
    if (name == null) {
      return null;
    }
    Path abs;
    try {
      abs = Path.of(name).normalize();
    } catch (InvalidPathException e) {
      return name;
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    int common = 0;
    while (common < Math.min(abs.getNameCount() - 1, cwd.getNameCount())
        && abs.getName(common).equals(cwd.getName(common))) {
      common++;
    }
    return abs.subpath(common, abs.getNameCount()).toString();
  }

  private static Optional<Path> repositoryRoot(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The purpose of a file shown as {@code name} and found at {@code path} (may be null). */
  public static Purpose of(String name, Path path, Config config) {
    if (config != null && path != null) {
      String declared = config.forFile(config.declared().purpose(), path);
      if (declared != null) {
        return declared.equals("production")
            ? PRODUCTION
            : new Purpose(
                false,
                "the configuration (" + Config.FILE_NAME + ") says it is a development file");
      }
    }
    name = projectName(name, path);
    if (name == null) {
      return PRODUCTION;
    }
    String[] parts = name.replace('\\', '/').split("/");
    String file = parts[parts.length - 1].toLowerCase(Locale.ROOT);
    String stem = file.replaceFirst("\\.ya?ml$", "");
    for (String w : stem.split("[-_.]")) {
      if (DEV_FILE_WORDS.contains(w)) {
        return new Purpose(
            false,
            "its name (" + parts[parts.length - 1] + ") marks a development, test or CI file");
      }
    }
    for (int i = 0; i < parts.length - 1; i++) {
      String d = parts[i].toLowerCase(Locale.ROOT);
      if (d.isEmpty() || d.equals(".") || d.equals("..")) {
        continue;
      }
      boolean dev = DEV_DIR_WORDS.contains(d);
      for (String w : d.split("[-_.]")) {
        dev |= !w.isEmpty() && !w.equals("it") && DEV_DIR_WORDS.contains(w);
      }
      if (dev) {
        return new Purpose(
            false, "it lies in " + parts[i] + "/, a directory of development, test or CI stacks");
      }
    }
    return PRODUCTION;
  }
}
