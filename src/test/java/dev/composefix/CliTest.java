package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and scripts see it: exit codes, streams, writes. */
class CliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The command line that runs composefix from the test class path in a process of its own. */
  static List<String> command(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.composefix.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static final String HARDENED =
      """
      services:
        web:
          image: nginx:1.27
          restart: unless-stopped
          security_opt:
            - no-new-privileges:true
          logging:
            driver: json-file
            options:
              max-size: "10m"
              max-file: "5"
          deploy:
            resources:
              limits: {memory: 128M, cpus: "0.5"}
          pids_limit: 100
          read_only: true
          tmpfs: [/tmp, /var/cache/nginx, /var/run]
          cap_drop: [ALL]
          cap_add: [CHOWN, DAC_OVERRIDE, SETGID, SETUID, NET_BIND_SERVICE]
      """;

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void exit0WhenNothingToDo() throws Exception {
    Path p = file("compose.yaml", HARDENED);
    Run r = run("", "--dry-run", p.toString());
    assertEquals(0, r.code, r.err);
    assertEquals("", r.out);
  }

  @Test
  void exit1WithDiffWhenChangesPending() throws Exception {
    Path p = file("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    Run r = run("", p.toString());
    assertEquals(1, r.code);
    assertTrue(r.out.contains("+    restart: unless-stopped\n"), r.out);
    assertTrue(r.out.startsWith("--- a/"), r.out);
    assertEquals(
        "services:\n  web:\n    image: nginx:1.27\n",
        Files.readString(p),
        "dry-run must not write");
  }

  @Test
  void exitZeroFlag() throws Exception {
    Path p = file("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    assertEquals(0, run("", "--exit-zero", p.toString()).code);
  }

  @Test
  void writeThenCleanAndPermissionsKept() throws Exception {
    Path p = file("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
    Run w = run("", "--write", "--unsafe-fixes", p.toString());
    assertEquals(0, w.code, w.err);
    assertEquals("", w.out);
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    assertEquals(0, run("", "--unsafe-fixes", p.toString()).code);
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void unchangedFileIsNotRewritten() throws Exception {
    Path p = file("compose.yaml", HARDENED);
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(p, old);
    assertEquals(0, run("", "--write", p.toString()).code);
    assertEquals(old, Files.getLastModifiedTime(p));
  }

  @Test
  void symlinkIsWrittenAtItsTarget() throws Exception {
    Path target = file("real/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    Path link = dir.resolve("compose.yaml");
    Files.createSymbolicLink(link, target);
    assertEquals(0, run("", "--write", "--unsafe-fixes", link.toString()).code);
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(target).contains("restart: unless-stopped"));
  }

  @Test
  void exit2ForInvalidYamlAndOtherFilesStillProcessed() throws Exception {
    Path bad = file("a/compose.yaml", "services:\n  web: [\n");
    Path good = file("b/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    Run r = run("", "--write", dir.toString());
    assertEquals(2, r.code);
    assertTrue(
        r.err
            .lines()
            .anyMatch(l -> l.matches(".*a/compose\\.yaml:\\d+:\\d+: error: invalid YAML.*")),
        r.err);
    assertFalse(r.err.contains("\tat "), "no stack trace");
    assertEquals("services:\n  web: [\n", Files.readString(bad));
    assertTrue(Files.readString(good).contains("restart: unless-stopped"));
  }

  @Test
  void exit2ForNonCompose() throws Exception {
    Path p = file("compose.yaml", "on: push\njobs:\n  build: {}\n");
    Run r = run("", p.toString());
    assertEquals(2, r.code);
    assertTrue(r.err.contains("not a compose file"), r.err);
  }

  @Test
  void exit2ForUsageErrors() {
    assertEquals(2, run("", "--no-such-flag").code);
    assertEquals(2, run("", "--select", "no-such-rule", ".").code);
    assertEquals(2, run("", "--dry-run", "--write", ".").code);
    assertEquals(2, run("", dir.resolve("missing.yaml").toString()).code);
  }

  @Test
  void stdinToStdout() {
    Run r = run("services:\n  web:\n    image: nginx:1.27\n", "--select", "restart-policy", "-");
    assertEquals("services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n", r.out);
    assertEquals(1, r.code);
  }

  @Test
  void discoversComposeFilesOnly() throws Exception {
    file("x/compose.override.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    file("x/docker-compose.prod.yml", "services:\n  web:\n    image: nginx:1.27\n");
    file("x/config.yaml", "not: [valid\n");
    file("node_modules/compose.yaml", "not: [valid\n");
    Run r = run("", dir.toString());
    assertEquals(1, r.code, r.err);
    assertTrue(r.out.contains("compose.override.yaml"));
    assertTrue(r.out.contains("docker-compose.prod.yml"));
  }

  @Test
  void rulesAndExplain() {
    Run rules = run("", "rules");
    assertEquals(0, rules.code);
    assertTrue(rules.out.contains("restart-policy"));
    Run json = run("", "rules", "--format", "json");
    assertTrue(json.out.trim().startsWith("["));
    Run ex = run("", "explain", "log-rotation");
    assertEquals(0, ex.code, ex.err);
    assertTrue(ex.out.startsWith("# log-rotation"));
    assertEquals(2, run("", "explain", "nope").code);
  }
}
