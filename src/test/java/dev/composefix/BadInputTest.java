package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of input that cannot be processed: exit 2, one line on stderr naming the file (with
 * line and column where the parser knows them), no stack trace, the file untouched under --write.
 */
class BadInputTest {
  @TempDir Path dir;

  static final String GOOD = "services:\n  web:\n    image: nginx:1.27\n";

  /** Nine levels of nine aliases: 9^30 nodes when expanded. */
  static String aliasBomb() {
    StringBuilder b =
        new StringBuilder("x-lol:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 30; i++) {
      b.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    return b + GOOD + "    labels: *a29\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** name, file content, a fragment of the message, whether a line:col is expected. */
  static Stream<Arguments> cases() {
    byte[] binary = new byte[4096];
    new java.util.Random(7).nextBytes(binary);
    return Stream.of(
        Arguments.of(
            "unclosed quote",
            utf8("services:\n  web:\n    image: \"nginx\n"),
            "invalid YAML",
            true),
        Arguments.of(
            "unclosed flow", utf8("services:\n  web: {image: nginx\n"), "invalid YAML", true),
        Arguments.of(
            "bad indentation",
            utf8("services:\n  web:\n      image: nginx\n    ports: []\n"),
            "invalid YAML",
            true),
        Arguments.of(
            "tab indentation", utf8("services:\n\tweb:\n\t\timage: nginx\n"), "invalid YAML", true),
        Arguments.of("alias bomb", utf8(aliasBomb()), "alias", true),
        Arguments.of("recursive alias", utf8("x-a: &a\n  b: *a\n" + GOOD), "recursive", true),
        Arguments.of(
            "undefined alias", utf8(GOOD + "    labels: *nowhere\n"), "refers to no anchor", true),
        Arguments.of(
            "deep flow nesting",
            utf8(GOOD + "    labels: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"),
            "nesting deeper",
            true),
        Arguments.of("deep block nesting", utf8(deepBlock(260)), "nesting deeper", true),
        Arguments.of(
            "duplicate key", utf8(GOOD + "    image: redis:7\n"), "duplicate key 'image'", true),
        Arguments.of(
            "duplicate service",
            utf8(GOOD + "  web:\n    image: redis:7\n"),
            "duplicate key 'web'",
            true),
        Arguments.of("empty file", new byte[0], "empty", true),
        Arguments.of("only comments", utf8("# nothing here\n\n# at all\n"), "empty", true),
        Arguments.of(
            "only a BOM", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "empty", true),
        Arguments.of("binary data", binary, "not UTF-8", true),
        Arguments.of("NUL bytes", utf8("services:\n  web:\u0000\n"), "U+0000", true),
        Arguments.of(
            "invalid UTF-8", new byte[] {'s', ':', ' ', (byte) 0xC3, '(', '\n'}, "not UTF-8", true),
        Arguments.of("UTF-16", "services: {}\n".getBytes(StandardCharsets.UTF_16), "", false),
        Arguments.of("top-level list", utf8("- web\n- db\n"), "top level is not a mapping", true),
        Arguments.of("top-level scalar", utf8("just text\n"), "top level is not a mapping", true),
        Arguments.of(
            "CI workflow",
            utf8("name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"),
            "no top-level 'services'",
            true),
        Arguments.of(
            "Compose v1 layout",
            utf8("web:\n  image: nginx:1.27\ndb:\n  build: .\n"),
            "the Compose v1 layout, which Compose v2 no longer reads",
            true),
        Arguments.of(
            "services a list", utf8("services:\n  - web\n"), "'services' is not a mapping", true),
        Arguments.of(
            "services a string", utf8("services: web\n"), "'services' is not a mapping", true),
        Arguments.of("multi-document", utf8(GOOD + "---\n" + GOOD), "several YAML documents", true),
        Arguments.of(
            "multi-document, explicit start",
            utf8("---\n" + GOOD + "...\n---\n" + GOOD),
            "several YAML documents",
            true));
  }

  static String deepBlock(int depth) {
    StringBuilder b = new StringBuilder(GOOD + "    labels:\n");
    for (int i = 0; i < depth; i++) {
      b.append("  ".repeat(i + 3)).append("k").append(i).append(":\n");
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedCleanlyAndLeftAlone(String name, byte[] content, String fragment, boolean position)
      throws Exception {
    Path p = dir.resolve("compose.yaml");
    Files.write(p, content);
    Run r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> CliTest.run("", "--write", p.toString()));
    assertEquals(2, r.code(), r.err());
    assertOneCleanLine(r, fragment, position);
    assertArrayEquals(content, Files.readAllBytes(p), "the file must be left as it was");
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "nothing else written");
    }
    // standard input: the same error, and the input echoed unchanged
    if (position) {
      Run in = CliTest.run(new String(content, StandardCharsets.UTF_8), "-");
      assertEquals(2, in.code(), in.err());
      assertFalse(in.err().contains("\tat "), in.err());
    }
  }

  static void assertOneCleanLine(Run r, String fragment, boolean position) {
    assertFalse(
        r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace:\n" + r.err());
    List<String> lines = r.err().lines().filter(l -> !l.startsWith("composefix: ")).toList();
    assertEquals(1, lines.size(), r.err());
    String line = lines.get(0);
    String where = position ? "compose\\.yaml:\\d+:\\d+: " : "compose\\.yaml(:\\d+:\\d+)?: ";
    assertTrue(line.matches("(.*/)?" + where + "error: .*"), line);
    assertTrue(line.contains(fragment), line);
  }

  @Test
  void aliasBombIsFastAndBounded() {
    Path p = dir.resolve("compose.yaml");
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          Files.writeString(p, aliasBomb());
          long t = System.nanoTime();
          Run r = CliTest.run("", p.toString());
          assertEquals(2, r.code(), r.err());
          assertTrue(System.nanoTime() - t < 1_000_000_000L, "well under a second");
        });
  }

  /** A real file may reuse blocks many times: hundreds of aliases and merge keys are accepted. */
  @Test
  void manyAliasesAndMergeKeysAreAccepted() throws Exception {
    StringBuilder b =
        new StringBuilder(
            "x-common: &common\n  restart: unless-stopped\n  security_opt:\n"
                + "    - no-new-privileges:true\n  logging: &log\n    driver: json-file\n    options:\n"
                + "      max-size: \"10m\"\n      max-file: \"5\"\n  environment: &env\n");
    for (int i = 0; i < 40; i++) {
      b.append("    VAR_").append(i).append(": value-").append(i).append('\n');
    }
    b.append("services:\n");
    for (int i = 0; i < 300; i++) {
      b.append("  svc")
          .append(i)
          .append(
              ":\n    <<: *common\n    image: nginx:1.27\n    logging: *log\n"
                  + "    labels: *env\n");
    }
    Path p = dir.resolve("compose.yaml");
    Files.writeString(p, b.toString());
    Run r = CliTest.run("", FileSystemTest.SELECT, p.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void nonexistentPath() {
    Run r = CliTest.run("", dir.resolve("nope/compose.yaml").toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .lines()
            .anyMatch(l -> l.endsWith("nope/compose.yaml: error: no such file or directory")),
        r.err());
  }

  @Test
  void aReplacementCharacterWrittenInTheFileIsText() throws Exception {
    // valid UTF-8 for U+FFFD (what a lenient decoder puts for invalid bytes) is not an error
    Path p = dir.resolve("compose.yaml");
    Files.write(
        p, utf8("services:\n  web:\n    image: nginx\n    labels:\n      note: \"\uFFFD\"\n"));
    Run r = CliTest.run("", "--select", "restart-policy", p.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("+    restart: unless-stopped"), r.out());
    assertFalse(r.err().contains("UTF-8"), r.err());
  }

  @Test
  void tooLarge() throws Exception {
    Path p = dir.resolve("compose.yaml");
    byte[] big = new byte[16 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) '#');
    Files.write(p, big);
    Run r = CliTest.run("", "--write", p.toString());
    assertEquals(2, r.code(), r.err());
    assertOneCleanLine(r, "too large", false);
    assertEquals(big.length, Files.size(p));
  }

  @Test
  void devicesAndFifosAreRefusedWithoutReadingThem() throws Exception {
    Path fifo = dir.resolve("compose.yaml");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    for (String p : List.of("/dev/zero", "/dev/null", fifo.toString())) {
      if (!Files.exists(Path.of(p))) {
        continue;
      }
      Run r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CliTest.run("", p));
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("not a regular file"), r.err());
    }
  }

  @Test
  void endlessStandardInputIsCutAtTheLimit() {
    java.io.InputStream zeros =
        new java.io.InputStream() {
          @Override
          public int read() {
            return '#';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '#');
            return len;
          }
        };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                dev.composefix.cli.Main.run(
                    new String[] {"-"},
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                    zeros));
    assertEquals(2, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("too large"),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(0, out.size(), "a truncated copy is never passed through");
  }

  @Test
  void oneBadFileAmongGoodOnes() throws Exception {
    Path bad = dir.resolve("b/compose.yaml");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "services:\n  web: [\n");
    for (String d : List.of("a", "c")) {
      Path good = dir.resolve(d + "/docker-compose.yml");
      Files.createDirectories(good.getParent());
      Files.writeString(good, GOOD);
    }
    Run r = CliTest.run("", "--write", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("services:\n  web: [\n", Files.readString(bad));
    for (String d : List.of("a", "c")) {
      assertTrue(
          Files.readString(dir.resolve(d + "/docker-compose.yml"))
              .contains("restart: unless-stopped"));
    }
    assertTrue(r.err().contains("1 file not processed"), r.err());
  }
}
