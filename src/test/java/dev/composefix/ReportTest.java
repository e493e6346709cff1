package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.composefix.report.GithubReporter;
import dev.composefix.report.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report formats on small files: positions, write mode, errors, stdin, escaping. */
class ReportTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static CliTest.Run run(String stdin, String... args) {
    return CliTest.run(stdin, args);
  }

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** The first four rules: later rules must not change what these tests see. */
  static final String SEL =
      "--select=obsolete-version,no-new-privileges,log-rotation,restart-policy";

  static final String OLD = "version: \"3\"\nservices:\n  web:\n    image: nginx:1.27\n";

  @Test
  void positionsReferToTheFileAsRead() throws Exception {
    // obsolete-version removes line 1 first: every later position must still count it
    // in two directories: an override beside its base would be merged with it (a project)
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Path base = file("a/compose.yaml", OLD);
    Path over = file("b/compose.override.yaml", OLD);
    CliTest.Run r = run("", SEL, "--format", "json", base.toString(), over.toString());
    assertEquals(1, r.code(), r.err());
    JsonNode files = JSON.readTree(r.out()).get("files");
    for (JsonNode f : files) {
      for (JsonNode x : f.get("findings")) {
        int want = x.get("rule").asText().equals("obsolete-version") ? 1 : 3;
        assertEquals(want, x.get("line").asInt(), x.toString());
      }
    }
    // the override's findings are left open; stderr places them in the file on disk too
    assertTrue(r.err().contains("compose.override.yaml:3:3: restart-policy "), r.err());
    assertEquals(4, files.get(1).get("findings").size());
    assertFalse(files.get(1).at("/findings/1/fixed").asBoolean());
  }

  @Test
  void writeModeReportsWhatWasWritten() throws Exception {
    Path over = file("compose.override.yaml", OLD);
    CliTest.Run r = run("", SEL, "--write", "--format", "json", over.toString());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("write", doc.get("mode").asText());
    assertEquals("written", doc.at("/files/0/status").asText());
    assertTrue(doc.at("/files/0/diff").asText().contains("-version: \"3\""));
    // after --write the open findings sit in the written file, one line higher
    assertTrue(r.err().contains("compose.override.yaml:2:3: restart-policy "), r.err());
    CliTest.Run gh = run("", SEL, "--format", "github", over.toString());
    assertFalse(gh.out().contains("obsolete-version"), "fixed findings are gone from the file");
    assertTrue(gh.out().contains(",line=2,col=3,title=composefix restart-policy::"), gh.out());
  }

  @Test
  void sarifFixesRebuildTheWrittenTextInCrlfAndWithBom() throws Exception {
    String crlf = "\uFEFF" + OLD.replace("\n", "\r\n");
    Path p = file("compose.yaml", crlf);
    CliTest.Run r = run("", SEL, "--format", "sarif", p.toString());
    JsonNode run = JSON.readTree(r.out()).at("/runs/0");
    List<JsonNode> reps = new ArrayList<>();
    for (JsonNode res : run.get("results")) {
      for (JsonNode fix : res.path("fixes")) {
        fix.at("/artifactChanges/0/replacements").forEach(reps::add);
      }
    }
    run("", SEL, "--write", p.toString());
    String written = Files.readString(p);
    assertEquals(written, ReportFormatsTest.apply(crlf, reps));
    // each replacement went to the finding whose text it inserts
    for (JsonNode res : run.get("results")) {
      String inserted =
          res.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText("");
      if (res.get("ruleId").asText().equals("restart-policy") && !inserted.isEmpty()) {
        assertTrue(inserted.contains("restart: unless-stopped"), inserted);
      }
    }
  }

  @Test
  void unreadableFilesAreReportedInEveryFormat() throws Exception {
    Path bad = file("compose.yaml", "services: [\n");
    JsonNode doc = JSON.readTree(run("", "--format", "json", bad.toString()).out());
    assertEquals("error", doc.at("/files/0/status").asText());
    assertEquals(1, doc.at("/summary/errors").asInt());
    JsonNode sarif = JSON.readTree(run("", "--format", "sarif", bad.toString()).out());
    assertFalse(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
    assertEquals(
        "error", sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/level").asText());
    CliTest.Run gh = run("", "--format", "github", bad.toString());
    assertEquals(2, gh.code());
    assertTrue(gh.out().startsWith("::error file="), gh.out());
    CliTest.Run md = run("", "--format", "markdown", bad.toString());
    assertTrue(md.out().contains("could not be processed"), md.out());
  }

  @Test
  void stdinWithAReportFormatPrintsTheReport() throws Exception {
    CliTest.Run r = run(OLD, SEL, "--format", "json", "-");
    assertEquals(1, r.code());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("-", doc.at("/files/0/path").asText());
    assertTrue(doc.at("/files/0/diff").asText().startsWith("--- a/-\n"));
  }

  @Test
  void cleanFilesGiveEmptyOrQuietReports() throws Exception {
    Path ok = file("compose.yaml", CliTestHardened.TEXT);
    CliTest.Run gh = run("", SEL, "--format", "github", ok.toString());
    assertEquals(0, gh.code(), gh.err());
    assertEquals("", gh.out());
    CliTest.Run md = run("", SEL, "--format", "markdown", ok.toString());
    assertTrue(
        md.out().startsWith("composefix " + Tool.VERSION + " found nothing to change"), md.out());
    assertFalse(md.out().contains("## Summary"));
    JsonNode sarif = JSON.readTree(run("", SEL, "--format", "sarif", ok.toString()).out());
    assertEquals(0, sarif.at("/runs/0/results").size());
  }

  @Test
  void markdownHasItsParts() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Path p = file("a/compose.yaml", OLD);
    Path over = file("b/docker-compose.override.yml", OLD);
    String md = run("", SEL, "--format", "markdown", p.toString(), over.toString()).out();
    assertTrue(
        md.startsWith("This pull request hardens 2 Docker Compose files with 5 fixes from "), md);
    assertTrue(md.contains(" 3 findings are left for a human, grouped by rule at the end."), md);
    assertTrue(md.contains("| Rule | Safety | Fixed | Files changed | Left |"), md);
    assertTrue(md.contains("```diff\n--- a/"), md);
    assertTrue(md.contains("## What was verified\n"), md);
    assertTrue(
        md.contains(
            "- `restart-policy`: "
                + dev.composefix.report.MarkdownReporter.reason("restart-policy")),
        md);
    assertTrue(md.contains("## Left for a human\n\n- `"), md);
    assertFalse(md.contains("- [ ]"), md);
    assertFalse(
        md.contains("docs/rules") || md.contains("restart-policy.md"),
        "no docs URL, no links to rule docs: " + md);
    String linked =
        run(
                "",
                SEL,
                "--format",
                "markdown",
                "--docs-url",
                "https://example.org/docs/rules/",
                p.toString(),
                over.toString())
            .out();
    assertTrue(
        linked.contains("- [`restart-policy`](https://example.org/docs/rules/restart-policy.md): "),
        linked);
  }

  /** An unsafe rule, as later rules will be: its fix adds read_only to every service. */
  static final class FakeUnsafe implements dev.composefix.rule.Rule {
    public String id() {
      return "fake-unsafe";
    }

    public String summary() {
      return "adds read_only";
    }

    public dev.composefix.rule.Applicability applicability() {
      return dev.composefix.rule.Applicability.UNSAFE;
    }

    public void check(dev.composefix.rule.RuleContext ctx) {
      for (dev.composefix.compose.Service s : ctx.file().services()) {
        if (!s.has("read_only")) {
          ctx.fix(
              s.key,
              s,
              "service '" + s.name + "' <can> write its root filesystem",
              "Add `read_only: true`",
              ctx.patch().addEntry(s.own, "read_only", "true", null));
        }
      }
    }
  }

  @Test
  void markdownCaveatsAndChecklistForUnsafeFixes() throws Exception {
    String text = "services:\n  web:\n    image: nginx:1.27\n";
    List<dev.composefix.rule.Rule> rules = List.of(new FakeUnsafe());
    for (boolean unsafe : new boolean[] {true, false}) {
      dev.composefix.engine.FileResult r =
          new dev.composefix.engine.Engine(rules, unsafe).run("compose.yaml", text);
      dev.composefix.report.Report.Builder b =
          new dev.composefix.report.Report.Builder(rules, false, unsafe);
      b.result("compose.yaml", r);
      String md =
          new dev.composefix.report.MarkdownReporter(dev.composefix.report.Reporter.Options.NONE)
              .render(b.build());
      if (unsafe) {
        assertTrue(
            md.contains(
                "<details>\n<summary>Caveats: 1 rule in this pull request can change how the services"
                    + " behave at run time</summary>\n"),
            md);
        assertTrue(md.contains("| `fake-unsafe` | unsafe | 1 | 1 | 0 |"), md);
        assertFalse(md.contains("Left for a human"), md);
      } else {
        assertFalse(md.contains("<details>"), md);
        assertTrue(
            md.contains(
                "- `fake-unsafe` (1 finding; 1 fixable with `--unsafe-fixes`, to review first): "),
            md);
        assertTrue(md.contains("First places: `compose.yaml:2` `web`."), md);
        assertFalse(md.contains("&lt;can>"), "messages are not printed: " + md);
      }
    }
  }

  /** A run of restart-policy and no-new-privileges on {@code p} in {@code format}: its output. */
  private static String bothRules(String format, Path p) {
    return run("", "--select", "restart-policy,no-new-privileges", "--format", format, p.toString())
        .out();
  }

  @Test
  void suppressedFindingsInJsonAndSarif() throws Exception {
    Path p =
        file(
            "compose.yaml",
            "services:\n  web:  # composefix: ignore[restart-policy] runs once by design\n"
                + "    image: nginx:1.27\n");
    JsonNode doc = JSON.readTree(bothRules("json", p));
    ReportFormatsTest.valid(
        ReportFormatsTest.schema(
            Path.of("docs", "composefix-report.schema.json"),
            com.networknt.schema.SpecVersion.VersionFlag.V202012),
        doc);
    JsonNode q = doc.at("/files/0/suppressed/0");
    assertEquals("restart-policy", q.get("rule").asText());
    assertEquals(2, q.get("line").asInt());
    assertEquals("inSource", q.get("kind").asText());
    assertEquals("runs once by design", q.get("reason").asText());
    assertEquals(1, doc.at("/summary/suppressed").asInt());
    JsonNode sarif = JSON.readTree(bothRules("sarif", p));
    ReportFormatsTest.valid(
        ReportFormatsTest.schema(
            Path.of("..", "shared", "sarif-schema-2.1.0.json"),
            com.networknt.schema.SpecVersion.VersionFlag.V4),
        sarif);
    JsonNode suppressedResult = null;
    for (JsonNode res : sarif.at("/runs/0/results")) {
      if (res.has("suppressions")) {
        suppressedResult = res;
      }
    }
    assertEquals("restart-policy", suppressedResult.get("ruleId").asText());
    assertEquals("inSource", suppressedResult.at("/suppressions/0/kind").asText());
    assertEquals(
        "runs once by design", suppressedResult.at("/suppressions/0/justification").asText());
    CliTest.Run gh = run("", "--select", "restart-policy", "--format", "github", p.toString());
    assertEquals("", gh.out(), "a suppressed finding is no annotation");
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliTest.Run r = run("", "--format", "xml", ".");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("diff, json, sarif, markdown or github"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void githubEscaping() {
    assertEquals("a%25b%0D%0Ac", GithubReporter.data("a%b\r\nc"));
    assertEquals("x%3A1%2C y%0A", GithubReporter.property("x:1, y\n"));
  }

  @Test
  void toolVersionIsTheCliVersion() {
    assertEquals("composefix " + Tool.VERSION, run("", "--version").out().strip());
  }

  /** A file with nothing left to do under the default rules. */
  static final class CliTestHardened {
    static final String TEXT =
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
        """;
  }
}
