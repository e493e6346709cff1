package dev.composefix.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command lines people and CI type most (options of the fix command, then files), read without
 * picocli. Picocli is built for Java 5, so its classes cannot go into the class-data sharing
 * archive, and setting it up (annotation proxies, type converters, regexes) costs more than the
 * whole fix of a small file. Anything unusual (help, version, subcommands, a repeated or unknown
 * option, {@code --}, {@code @argfiles}, a path that does not exist) is left to picocli, which then
 * gives the usual answers and error messages. FastArgsTest checks that both readings agree, so an
 * option added to {@link Main} is either read here or falls back to picocli.
 */
final class FastArgs {
  /** Subcommand names of {@link Main} (FastArgsTest keeps this in step with the annotations). */
  static final Set<String> SUBCOMMANDS = Set.of("rules", "explain");

  private FastArgs() {}

  /**
   * Fills {@code main}'s fields from the arguments and returns true, or returns false to leave them
   * to picocli.
   */
  static boolean parse(String[] args, Main main) {
    Set<String> seen = new HashSet<>();
    List<String> select = new ArrayList<>();
    List<String> ignore = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    String format = null;
    boolean dryRun = false;
    boolean write = false;
    boolean unsafe = false;
    boolean exitZero = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-") || (!a.startsWith("-") && !a.isEmpty())) {
        if (a.startsWith("@") || SUBCOMMANDS.contains(a) || (!a.equals("-") && !exists(a))) {
          return false;
        }
        paths.add(a);
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (!seen.add(name) && !name.equals("--select") && !name.equals("--ignore")) {
        return false; // picocli says how it treats a repeated option
      }
      switch (name) {
        case "--dry-run", "--write", "--unsafe-fixes", "--exit-zero" -> {
          if (value != null) {
            return false;
          }
          dryRun |= name.equals("--dry-run");
          write |= name.equals("--write");
          unsafe |= name.equals("--unsafe-fixes");
          exitZero |= name.equals("--exit-zero");
        }
        case "--select", "--ignore", "--format" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              return false;
            }
            value = args[++i];
          }
          if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
            return false;
          }
          if (name.equals("--format")) {
            format = value;
          } else {
            for (String id : value.split(",", -1)) {
              if (id.isEmpty()) {
                return false;
              }
              (name.equals("--select") ? select : ignore).add(id);
            }
          }
        }
        default -> {
          return false;
        }
      }
    }
    main.dryRun = dryRun;
    main.write = write;
    main.unsafeFixes = unsafe;
    main.exitZero = exitZero;
    main.select = select;
    main.ignore = ignore;
    main.format = format == null ? "diff" : format;
    main.paths = paths;
    return true;
  }

  private static boolean exists(String p) {
    try {
      return Files.exists(Path.of(p));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
