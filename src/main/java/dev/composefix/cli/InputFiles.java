package dev.composefix.cli;

import dev.composefix.yaml.YamlException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds compose files under the paths given and reads them strictly. */
final class InputFiles {
  /** Larger files are refused: a compose file this big is not one a person maintains. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final Pattern COMPOSE_NAME = Pattern.compile("(docker-)?compose[^/]*\\.ya?ml");

  private InputFiles() {}

  static boolean composeName(String fileName) {
    return COMPOSE_NAME.matcher(fileName).matches();
  }

  /**
   * Directories never searched: version control, and vendored third-party code (package managers'
   * trees, copied libraries), whose files an update overwrites and whose maintainers are elsewhere.
   */
  static final Set<String> SKIPPED =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          "bower_components",
          "jspm_packages",
          "vendor",
          "vendors",
          "third_party",
          "third-party",
          "thirdparty",
          "site-packages",
          ".venv",
          "venv",
          ".tox",
          "Pods",
          "Carthage",
          ".bundle",
          ".terraform");

  /**
   * Compose files under a directory, sorted; .git, node_modules and vendored trees ({@link
   * #SKIPPED}) are skipped.
   */
  static List<Path> discover(Path dir) throws IOException {
    return discover(dir, new ArrayList<>());
  }

  /**
   * As {@link #discover(Path)}; what cannot be read on the way (a directory without permission, a
   * compose-named symlink that points nowhere) is added to {@code problems} as "path: why".
   */
  static List<Path> discover(Path dir, List<String> problems) throws IOException {
    List<Path> out = new ArrayList<>();
    Path root = dir.toRealPath();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            String n = d.getFileName() == null ? "" : d.getFileName().toString();
            return !d.equals(dir) && SKIPPED.contains(n)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (composeName(f.getFileName().toString())) {
              if (attrs.isRegularFile()) {
                out.add(f);
              } else if (attrs.isSymbolicLink() && Files.isRegularFile(f)) {
                // a link in the tree must not make a run of `--write DIR` write outside DIR
                if (inside(f, root)) {
                  out.add(f);
                } else {
                  problems.add(
                      Main.display(f)
                          + ": error: symbolic link to a file outside "
                          + Main.display(dir)
                          + ", not followed in a directory run (name the file itself to fix it)");
                }
              } else if (attrs.isSymbolicLink() && !Files.exists(f)) {
                problems.add(Main.display(f) + ": error: broken symbolic link");
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            problems.add(
                Main.display(f)
                    + ": error: cannot read: "
                    + e.getClass()
                        .getSimpleName()
                        .replace("Exception", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase());
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(null);
    return out;
  }

  /** Whether a symlink's target resolves inside the (real) directory {@code root}. */
  private static boolean inside(Path link, Path root) {
    try {
      return link.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a file, at most one byte over the limit (so that /dev/zero or a huge file costs no
   * memory); a directory, FIFO or device is refused.
   */
  static byte[] read(Path path) throws IOException, YamlException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new YamlException("not a regular file");
    }
    if (a.size() > MAX_BYTES) {
      throw tooLarge(); // without reading it
    }
    // a plain FileInputStream: its classes are loaded with the JVM, where NIO's channels are not
    try (InputStream in = new FileInputStream(path.toFile())) {
      return read(in);
    }
  }

  /** Reads a stream, at most one byte over the limit. */
  static byte[] read(InputStream in) throws IOException {
    return in.readNBytes((int) MAX_BYTES + 1);
  }

  private static YamlException tooLarge() {
    return new YamlException(
        "too large for a compose file (over "
            + MAX_BYTES
            + " bytes; the limit is "
            + (MAX_BYTES / 1024 / 1024)
            + " MiB)");
  }

  /** Decodes UTF-8 strictly: invalid bytes are an input error with their position. */
  static String decode(byte[] bytes) throws YamlException {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    // the JDK's own UTF-8 decoding is fast, but replaces invalid bytes with U+FFFD: only a text
    // that has one (invalid input, or a real U+FFFD) goes through the strict decoder below
    String fast = new String(bytes, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return dec.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (MalformedInputException e) {
      int bad = firstBadByte(bytes);
      int line = 1;
      int col = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      throw new YamlException(
          "not UTF-8 text (invalid byte 0x" + String.format("%02x", bytes[bad] & 0xff) + ")",
          line,
          col);
    } catch (CharacterCodingException e) {
      throw new YamlException("not UTF-8 text");
    }
  }

  private static int firstBadByte(byte[] b) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
    dec.decode(in, out, true);
    return Math.min(in.position(), b.length - 1);
  }
}
