package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No control character of the input reaches stdout or stderr raw, in any format. */
class ControlCharsTest {
  @TempDir Path dir;

  /**
   * A NUL and an ESC (a terminal colour sequence) in an image reference and a service name, by YAML
   * escapes.
   */
  static final String IN =
      "services:\n  \"we\\eb\":\n    image: \"nginx\\e[31m\\0evil:latest\"\n"
          + "  app:\n    image: ${REGISTRY}example/app\n";

  static void clean(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c <= 0x9f);
      assertTrue(
          !control, what + ": raw U+" + String.format("%04X", (int) c) + " at " + i + " in:\n" + s);
    }
  }

  @Test
  void everyFormatEscapesThem() throws Exception {
    Path p = dir.resolve("compose.yaml");
    Files.writeString(p, IN);
    for (String format : new String[] {"diff", "json", "sarif", "markdown", "github"}) {
      Run r = CliTest.run("", "--format", format, p.toString());
      assertEquals(1, r.code(), r.err());
      clean(format + " stdout", r.out());
      clean(format + " stderr", r.err());
    }
    Run text = CliTest.run("", p.toString());
    assertTrue(text.err().contains("nginx\\x1b[31m\\x00evil:latest"), text.err());
    assertTrue(
        text.err().contains("e.g. `${REGISTRY}example/app:<version>`"),
        "no placeholder of a variable: " + text.err());
    Run stdin = CliTest.run(IN, "-");
    clean("stdin stderr", stdin.err());
  }

  @Test
  void aControlCharacterInAPathIsQuotedInTheDiffHeader() throws Exception {
    Path p = dir.resolve("a\u001bb/compose.yaml");
    Files.createDirectories(p.getParent());
    Files.writeString(p, "services:\n  web:\n    image: nginx:1.27\n");
    Run r = CliTest.run("", FileSystemTest.SELECT, p.toString());
    assertEquals(1, r.code(), r.err());
    clean("stdout", r.out());
    clean("stderr", r.err());
    assertTrue(r.out().contains("\\033b/compose.yaml\""), r.out());
  }
}
