package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: fixtures/RULE/CASE/ holds input.yaml and output.yaml (what composefix writes), and
 * optionally findings.txt (the findings left, one "LINE:COL: RULE" a line) and options (words:
 * --unsafe-fixes, --select a,b, --name FILE-NAME). Only the fixture's rule runs unless --select
 * says otherwise. Every case is also checked for idempotence, for a clean re-parse, and in CRLF and
 * with a BOM, where the output must be the same text with the same line endings.
 */
class FixtureTest {
  static final Path ROOT = Path.of("fixtures");

  record Case(Path dir, String rule, List<String> options) {
    String name() {
      return ROOT.relativize(dir).toString();
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(ROOT, 2)) {
      for (Path d : s.filter(p -> Files.isRegularFile(p.resolve("input.yaml"))).sorted().toList()) {
        Path opt = d.resolve("options");
        List<String> words =
            Files.exists(opt)
                ? Arrays.asList(Files.readString(opt).trim().split("\\s+"))
                : List.of();
        out.add(new Case(d, ROOT.relativize(d).getName(0).toString(), words));
      }
    }
    return out;
  }

  static String option(Case c, String flag, String def) {
    int i = c.options().indexOf(flag);
    return i >= 0 ? c.options().get(i + 1) : def;
  }

  static FileResult run(Case c, String text) throws Exception {
    List<String> select = List.of(option(c, "--select", c.rule()).split(","));
    List<Rule> rules = Registry.select(select, List.of());
    return new Engine(rules, c.options().contains("--unsafe-fixes"))
        .run(
            option(c, "--name", "compose.yaml"),
            c.dir().resolve(option(c, "--name", "compose.yaml")),
            text);
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    List<Case> cases = cases();
    assertFalse(cases.isEmpty(), "no fixtures found under " + ROOT.toAbsolutePath());
    return cases.stream()
        .flatMap(
            c ->
                Stream.of(
                    DynamicTest.dynamicTest(c.name(), () -> check(c, false, false)),
                    DynamicTest.dynamicTest(c.name() + " [crlf]", () -> check(c, true, false)),
                    DynamicTest.dynamicTest(c.name() + " [bom]", () -> check(c, false, true))));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleHasFixtures() throws IOException {
    List<String> withFixtures = cases().stream().map(Case::rule).distinct().toList();
    return Registry.all().stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.id(),
                    () ->
                        assertTrue(
                            withFixtures.contains(r.id()),
                            "rule " + r.id() + " has no fixtures/" + r.id() + "/")));
  }

  static void check(Case c, boolean crlf, boolean bom) throws Exception {
    String input = read(c.dir().resolve("input.yaml"));
    String expected = read(c.dir().resolve("output.yaml"));
    if (crlf && !input.contains("\r\n")) { // a CRLF fixture is already in CRLF
      input = input.replace("\n", "\r\n");
      expected = expected.replace("\n", "\r\n");
    }
    if (bom) {
      input = "\uFEFF" + input;
      expected = "\uFEFF" + expected;
    }
    FileResult r = run(c, input);
    assertEquals(expected, r.after(), "output of " + c.name());
    Document.parse(r.after());
    FileResult again = run(c, r.after());
    assertEquals(r.after(), again.after(), "a second run changed " + c.name());
    Path findings = c.dir().resolve("findings.txt");
    if (Files.exists(findings) && !bom) {
      String want = read(findings).strip();
      String got =
          again.remaining().stream().map(FixtureTest::brief).collect(Collectors.joining("\n"));
      assertEquals(want, got, "findings left in " + c.name());
    }
  }

  static String brief(Finding f) {
    return f.line() + ":" + f.column() + ": " + f.rule();
  }
}
