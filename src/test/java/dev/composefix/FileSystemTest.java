package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.CliTest.Run;
import dev.composefix.engine.Engine;
import dev.composefix.rules.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-system faults under --write: nothing is ever half written, nothing written where it may not
 * be.
 */
class FileSystemTest {
  @TempDir Path dir;

  /**
   * The rules that add defaults to every service: what these tests write, with no report-only
   * findings left.
   */
  static final String SELECT = "--select=no-new-privileges,restart-policy";

  static final String BARE = "services:\n  web:\n    image: nginx:1.27\n";

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static String fixed(String text) throws Exception {
    return new Engine(
            Registry.select(List.of("no-new-privileges", "restart-policy"), List.of()), false)
        .run("compose.yaml", text)
        .after();
  }

  @Test
  void readOnlyFileIsRefused() throws Exception {
    Path p = file("compose.yaml", BARE);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
    Run r = CliTest.run("", "--write", SELECT, p.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("compose.yaml: error: cannot write") && r.err().contains("read-only"),
        r.err());
    assertFalse(r.err().contains("\tat "));
    assertEquals(BARE, Files.readString(p));
    assertTrue(r.err().contains("0 fixed"), r.err());
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
  }

  @Test
  void readOnlyDirectoryIsRefused() throws Exception {
    Path p = file("ro/compose.yaml", BARE);
    Path ro = p.getParent();
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Run r = CliTest.run("", "--write", SELECT, ro.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("read-only"), r.err());
      assertEquals(BARE, Files.readString(p));
      try (Stream<Path> s = Files.list(ro)) {
        assertEquals(1, s.count(), "no temporary file");
      }
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void permissionsAndGroupKept() throws Exception {
    Path p = file("compose.yaml", BARE);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-r--"));
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    GroupPrincipal group = view.readAttributes().group();
    var owner = view.readAttributes().owner();
    assertEquals(0, CliTest.run("", "--write", SELECT, p.toString()).code());
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    assertEquals(group, view.readAttributes().group());
    assertEquals(owner, view.readAttributes().owner());
    assertEquals(fixed(BARE), Files.readString(p));
  }

  @Test
  void relativeSymlinkStaysALink() throws Exception {
    Path target = file("shared/compose.yaml", BARE);
    Path link = dir.resolve("app/compose.yaml");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("../shared/compose.yaml"));
    Run r = CliTest.run("", "--write", SELECT, link.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("../shared/compose.yaml"), Files.readSymbolicLink(link));
    assertEquals(fixed(BARE), Files.readString(target));
  }

  @Test
  void staleTemporaryFilesAreRemovedFreshOnesKept() throws Exception {
    Path p = file("compose.yaml", BARE);
    Path stale = file(".compose.yaml.composefix-123.tmp", "half");
    Path fresh = file(".compose.yaml.composefix-456.tmp", "in use by another run");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    assertEquals(0, CliTest.run("", "--write", SELECT, p.toString()).code());
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(fresh));
  }

  @Test
  void brokenSymlinkInATreeIsReported() throws Exception {
    Path good = file("a/compose.yaml", BARE);
    Files.createDirectories(dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b/compose.yaml"), Path.of("../nowhere/compose.yaml"));
    Run r = CliTest.run("", "--write", SELECT, dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().lines().anyMatch(l -> l.endsWith("b/compose.yaml: error: broken symbolic link")),
        r.err());
    assertEquals(fixed(BARE), Files.readString(good), "the good file is still written");
  }

  @Test
  void fileSymlinkOutOfTheTreeIsReportedNotWritten() throws Exception {
    String other = "services:\n  worker:\n    image: redis:7\n";
    Path outside = file("outside/base.yml", other);
    Path good = file("tree/compose.yaml", BARE);
    Path inTree = file("tree/shared/real.yml", BARE);
    Files.createSymbolicLink(
        dir.resolve("tree/compose.override.yaml"), Path.of("../outside/base.yml"));
    Files.createDirectories(dir.resolve("tree/app"));
    Files.createSymbolicLink(dir.resolve("tree/app/compose.yaml"), Path.of("../shared/real.yml"));
    Run r = CliTest.run("", "--write", SELECT, dir.resolve("tree").toString());
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> l.contains("outside")).toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(
        lines.get(0).contains("tree/compose.override.yaml: error: symbolic link to a file outside"),
        r.err());
    assertEquals(other, Files.readString(outside), "the target outside the tree is not written");
    assertEquals(fixed(BARE), Files.readString(good), "the other files are still written");
    assertEquals(
        fixed(BARE), Files.readString(inTree), "a link to a file inside the tree is followed");
    // named on the command line, the same link is written at its target
    Run named =
        CliTest.run("", "--write", SELECT, dir.resolve("tree/compose.override.yaml").toString());
    assertEquals(0, named.code(), named.err());
    assertEquals(fixed(other), Files.readString(outside));
  }

  @Test
  void directorySymlinksAndFilesOutsideTheTreeAreNotWritten() throws Exception {
    Path linked = file("elsewhere/compose.yaml", BARE);
    Path base = file("elsewhere/base.yml", "services:\n  base:\n    image: nginx:1.27\n");
    Path inc = file("elsewhere/inc/compose.yaml", BARE.replace("web", "other"));
    file(
        "tree/compose.yaml",
        "include:\n  - ../elsewhere/inc/compose.yaml\nservices:\n  web:\n"
            + "    extends:\n      file: ../elsewhere/base.yml\n      service: base\n");
    Files.createSymbolicLink(dir.resolve("tree/linked"), Path.of("../elsewhere"));
    Run r = CliTest.run("", "--write", SELECT, dir.resolve("tree").toString());
    assertTrue(r.code() <= 1, r.err());
    assertEquals(BARE, Files.readString(linked), "a directory symlink is not followed");
    assertEquals(
        "services:\n  base:\n    image: nginx:1.27\n",
        Files.readString(base),
        "an extends file outside is not written");
    assertEquals(
        BARE.replace("web", "other"),
        Files.readString(inc),
        "an included file outside is not written");
  }

  /** A tree of compose files; returns each file with its old content. */
  Map<Path, String> tree(int n) throws IOException {
    Map<Path, String> old = new HashMap<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder("# project " + i + "\nservices:\n");
      for (int s = 0; s < 1 + i % 4; s++) {
        b.append("  svc")
            .append(s)
            .append(":\n    image: nginx:1.")
            .append(i)
            .append("\n    ports:\n      - \"")
            .append(8000 + s)
            .append(":80\"\n");
      }
      Path p = file("p" + (i % 10) + "/app" + i + "/compose.yaml", b.toString());
      old.put(p, b.toString());
    }
    return old;
  }

  static Process start(Path cwd, String... args) throws IOException {
    return new ProcessBuilder(CliTest.command(args))
        .directory(cwd.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void twoConcurrentWritesOnOneTree() throws Exception {
    Map<Path, String> old = tree(60);
    Process a = start(dir, "--write", SELECT, ".");
    Process b = start(dir, "--write", SELECT, ".");
    assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS), "both finish");
    assertEquals(0, a.exitValue());
    assertEquals(0, b.exitValue());
    for (Map.Entry<Path, String> e : old.entrySet()) {
      assertEquals(fixed(e.getValue()), Files.readString(e.getKey()), e.getKey().toString());
    }
    assertEquals(
        0, CliTest.run("", SELECT, dir.toString()).code(), "idempotent: nothing left to change");
    assertNoVisibleLeftovers();
  }

  @Test
  void sigkillHalfwayLeavesEveryFileOldOrNew() throws Exception {
    Map<Path, String> old = tree(400);
    Map<Path, String> expected = new HashMap<>();
    for (Map.Entry<Path, String> e : old.entrySet()) {
      expected.put(e.getKey(), fixed(e.getValue()));
    }
    Process p = start(dir, "--write", SELECT, ".");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<Path> files = new ArrayList<>(old.keySet());
    files.sort(null);
    Path first = files.get(files.size() / 2);
    // wait until the middle file (in the order the run writes) is new, then kill it at once
    while (p.isAlive()
        && System.nanoTime() < deadline
        && Files.readString(first).equals(old.get(first))) {
      Thread.onSpinWait();
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    int written = 0;
    for (Path f : files) {
      String now = Files.readString(f);
      boolean isNew = now.equals(expected.get(f));
      assertTrue(isNew || now.equals(old.get(f)), f + " is half written:\n" + now);
      written += isNew ? 1 : 0;
    }
    assertTrue(written > 0, "the run got to write something");
    System.out.println(
        "sigkill: " + written + " of " + files.size() + " files written before the kill");
    assertNoVisibleLeftovers();
    // a second run finishes the job
    assertEquals(0, CliTest.run("", "--write", SELECT, dir.toString()).code());
    for (Path f : files) {
      assertEquals(expected.get(f), Files.readString(f));
    }
  }

  /** Nothing but the compose files the test made has a name a compose glob could pick up. */
  void assertNoVisibleLeftovers() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .forEach(
              f -> {
                String n = f.getFileName().toString();
                assertTrue(
                    n.equals("compose.yaml")
                        || n.startsWith(".") && n.contains(".composefix-") && n.endsWith(".tmp"),
                    "unexpected file " + f);
              });
    }
  }
}
