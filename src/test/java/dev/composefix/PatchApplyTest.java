package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry-run diff of a CRLF file, as bytes, piped into `git apply` (and `patch -p1`) in a
 * temporary git repository: the result must be byte for byte what --write writes.
 */
class PatchApplyTest {
  @TempDir Path dir;

  static final String CRLF =
      "# kept on Windows\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n"
          + "    security_opt: [ \"apparmor:unconfined\" ]\r\n  app: {image: example/app:1}\r\n"
          + "  db:\r\n    image: postgres:16\r\n"
          + "    ports: !reset []\r\n";

  record Out(int code, byte[] out, String err) {}

  static Out exec(Path cwd, byte[] stdin, List<String> cmd)
      throws IOException, InterruptedException {
    Path in = Files.createTempFile("cf-in", ".bin");
    Path out = Files.createTempFile("cf-out", ".bin");
    Path err = Files.createTempFile("cf-err", ".txt");
    try {
      Files.write(in, stdin);
      Process p =
          new ProcessBuilder(cmd)
              .directory(cwd.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes: " + cmd);
      return new Out(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static boolean have(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void crlfDiffAppliesWithGitApplyAndPatch() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path file = Files.createDirectories(repo.resolve("app")).resolve("compose.yaml");
    byte[] original = CRLF.getBytes(StandardCharsets.UTF_8);
    Files.write(file, original);
    Out dry = exec(repo, new byte[0], CliTest.command(FileSystemTest.SELECT, "app/compose.yaml"));
    assertEquals(1, dry.code(), dry.err());
    String diff = new String(dry.out(), StandardCharsets.UTF_8);
    assertTrue(diff.startsWith("--- a/app/compose.yaml\n+++ b/app/compose.yaml\n"), diff);
    assertTrue(
        diff.contains("+    security_opt:\r\n") || diff.contains("no-new-privileges:true\" ]\r\n"),
        diff);
    // every content line of the diff keeps its CR, as the file's lines have one
    for (String line : diff.split("\n")) {
      if (line.startsWith("+") && !line.startsWith("+++") || line.startsWith(" ")) {
        assertTrue(line.endsWith("\r"), "a CR on: " + line);
      }
    }

    // --write on a copy gives the bytes to compare with
    Path written = Files.createDirectories(dir.resolve("written/app")).resolve("compose.yaml");
    Files.write(written, original);
    Out w =
        exec(
            dir.resolve("written"),
            new byte[0],
            CliTest.command("--write", FileSystemTest.SELECT, "app/compose.yaml"));
    assertEquals(0, w.code(), w.err());
    byte[] expected = Files.readAllBytes(written);
    assertFalse(java.util.Arrays.equals(original, expected), "the file was fixed");

    assertEquals(0, exec(repo, new byte[0], List.of("git", "init", "-q", ".")).code());
    Out apply = exec(repo, dry.out(), List.of("git", "apply", "-"));
    assertEquals(0, apply.code(), apply.err());
    assertArrayEquals(expected, Files.readAllBytes(file), "git apply gives what --write writes");

    if (have("patch")) {
      Files.write(file, original);
      Out patch = exec(repo, dry.out(), List.of("patch", "-p1", "--quiet", "--binary"));
      assertEquals(0, patch.code(), patch.err());
      assertArrayEquals(expected, Files.readAllBytes(file), "patch -p1 gives what --write writes");
    }
  }

  @Test
  void crlfFromStandardInputIsFixedInCrlf() throws Exception {
    Out r =
        exec(
            dir,
            CRLF.getBytes(StandardCharsets.UTF_8),
            CliTest.command(FileSystemTest.SELECT, "-"));
    assertEquals(1, r.code(), r.err());
    String out = new String(r.out(), StandardCharsets.UTF_8);
    assertTrue(out.contains("no-new-privileges:true"), out);
    assertFalse(out.replace("\r\n", "").contains("\n"), "every line ends in CRLF:\n" + out);
  }
}
