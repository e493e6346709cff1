package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-file projects, through the command line: fixtures-multi/CASE/ holds {@code in/} (the
 * project's files), {@code out/} (every file that must change, as --write leaves it; a file not
 * there must stay byte for byte), and optionally {@code args} (the command line; words not starting
 * with '-' are paths relative to in/; default ".", i.e. in/ itself), {@code env} (KEY=VALUE lines;
 * COMPOSE_FILE entries are relative to in/), {@code exit} (the exit code every run must give, when
 * it is not simply 0 or 1) and {@code findings.txt} (the findings left after the write, one
 * "FILE:LINE:COL: RULE" a line, FILE relative to in/). Each case runs --dry-run, then --write, then
 * --dry-run again, which must print nothing.
 */
class MultiFileTest {
  static final Path ROOT = Path.of("fixtures-multi");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(List<String> args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(ROOT)) {
      cases = s.filter(p -> Files.isDirectory(p.resolve("in"))).sorted().toList();
    }
    assertFalse(cases.isEmpty(), "no cases under " + ROOT.toAbsolutePath());
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  void check(Path c) throws Exception {
    String name = c.getFileName().toString();
    Path work = tmp.resolve(name);
    copy(c.resolve("in"), work);
    List<String> args = new ArrayList<>();
    if (Files.exists(c.resolve("args"))) {
      for (String w : Files.readString(c.resolve("args")).trim().split("\\s+")) {
        args.add(w.startsWith("-") || w.isEmpty() ? w : work.resolve(w).toString());
      }
      args.removeIf(String::isEmpty);
    }
    if (args.stream().noneMatch(a -> a.startsWith("--select"))) {
      // the cases are about where edits go; the rules that add defaults to services show it
      // (log blocks written where none is set are unsafe: they override the daemon's driver)
      args.add(0, "--select=obsolete-version,no-new-privileges,log-rotation,restart-policy");
      if (!args.contains("--no-unsafe-fixes")) {
        args.add(0, "--unsafe-fixes");
      }
    }
    Map<String, String> env = new HashMap<>();
    if (Files.exists(c.resolve("env"))) {
      for (String line : Files.readAllLines(c.resolve("env"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      if (env.containsKey("COMPOSE_FILE")) {
        String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", java.io.File.pathSeparator);
        env.put(
            "COMPOSE_FILE",
            Stream.of(env.get("COMPOSE_FILE").split(java.util.regex.Pattern.quote(sep)))
                .map(f -> work.resolve(f).toString())
                .collect(Collectors.joining(sep)));
      }
    }
    boolean defaultPath =
        args.stream().allMatch(a -> a.startsWith("-"))
            && !args.contains("-f")
            && !env.containsKey("COMPOSE_FILE");
    if (defaultPath) {
      args.add(work.toString());
    }
    Run dry = run(plus("--dry-run", args), env);
    Run write = run(plus("--write", args), env);
    int wantExit =
        Files.exists(c.resolve("exit"))
            ? Integer.parseInt(Files.readString(c.resolve("exit")).strip())
            : -1;
    if (wantExit >= 0) {
      assertEquals(wantExit, write.code(), name + ": --write exit\n" + write.err());
    } else {
      assertTrue(
          write.code() == 0 || write.code() == 1,
          name + ": --write exit " + write.code() + "\n" + write.err());
    }
    Run again = run(plus("--dry-run", args), env);
    assertEquals("", again.out(), name + ": a second run still changes something");
    try (Stream<Path> s = Files.walk(c.resolve("in"))) {
      for (Path in : s.filter(Files::isRegularFile).toList()) {
        Path rel = c.resolve("in").relativize(in);
        Path want =
            Files.exists(c.resolve("out").resolve(rel)) ? c.resolve("out").resolve(rel) : in;
        assertEquals(
            Files.readString(want), Files.readString(work.resolve(rel)), name + ": " + rel);
      }
    }
    if (Files.exists(c.resolve("out"))) {
      try (Stream<Path> s = Files.walk(c.resolve("out"))) {
        for (Path o : s.filter(Files::isRegularFile).toList()) {
          assertTrue(
              Files.exists(c.resolve("in").resolve(c.resolve("out").relativize(o))),
              name + ": out/ has " + o);
        }
      }
    }
    assertEquals(
        dry.code(),
        wantExit >= 0
            ? wantExit
            : Files.exists(c.resolve("out")) || !findings(again, work).isEmpty() ? 1 : 0,
        name + ": dry-run exit code\n" + dry.err());
    if (Files.exists(c.resolve("findings.txt"))) {
      assertEquals(
          Files.readString(c.resolve("findings.txt")).strip(),
          findings(again, work),
          name + ": findings left\n" + again.err());
    }
  }

  @org.junit.jupiter.api.Test
  void missingFileNamedWithDashF() throws Exception {
    Path ok =
        Files.writeString(
            tmp.resolve("a.yml"),
            "services:\n  web:\n    image: nginx:1.27\n    restart: always\n");
    Run r =
        run(
            List.of(
                "--select",
                "restart-policy",
                "-f",
                ok.toString(),
                "-f",
                tmp.resolve("nope.yml").toString()),
            Map.of());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("nope.yml: error: no such file"), r.err());
    assertEquals("", r.out());
  }

  @org.junit.jupiter.api.Test
  void composeFileIgnoredWhenAPathIsGiven() throws Exception {
    Path a = Files.writeString(tmp.resolve("a.yml"), "services:\n  web:\n    image: nginx:1.27\n");
    Path b = Files.writeString(tmp.resolve("b.yml"), "services:\n  web:\n    restart: always\n");
    Run withEnv =
        run(
            List.of("--select", "restart-policy"),
            Map.of("COMPOSE_FILE", a + java.io.File.pathSeparator + b));
    assertEquals(0, withEnv.code(), withEnv.err());
    Run withPath =
        run(
            List.of("--select", "restart-policy", a.toString()),
            Map.of("COMPOSE_FILE", a + java.io.File.pathSeparator + b));
    assertEquals(1, withPath.code(), withPath.err());
    assertTrue(withPath.out().contains("+    restart: unless-stopped"), withPath.out());
  }

  static List<String> plus(String first, List<String> rest) {
    List<String> l = new ArrayList<>(List.of(first));
    l.addAll(rest);
    return l;
  }

  /** Findings on stderr as "FILE:LINE:COL: RULE", FILE relative to the case's copy, sorted. */
  static String findings(Run r, Path work) {
    String prefix = work.toAbsolutePath().normalize() + "/";
    return r.err()
        .lines()
        .filter(l -> l.matches(".*:\\d+:\\d+: [a-z-]+ .*"))
        .map(
            l -> {
              String x = l.startsWith(prefix) ? l.substring(prefix.length()) : l;
              String[] p = x.split(" ", 3);
              return p[0] + " " + p[1];
            })
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
