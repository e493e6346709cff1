package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.composefix.engine.Engine;
import dev.composefix.rules.Registry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every --format over the whole shared corpus: valid, schema-valid, consistent with the diff. */
class ReportFormatsTest {
  static final Path CORPUS = Path.of("..", "shared", "corpus");
  static final ObjectMapper JSON = new ObjectMapper();

  /** The CLI in-process with no standard input (CliTest's runner). */
  static CliTest.Run run(String... args) {
    return CliTest.run("", args);
  }

  static String[] args(String format, boolean unsafe) {
    List<String> a = new ArrayList<>(List.of("--format", format));
    if (unsafe) {
      a.add("--unsafe-fixes");
    }
    a.add(CORPUS.toString());
    return a.toArray(String[]::new);
  }

  static JsonSchema schema(Path p, SpecVersion.VersionFlag v) throws Exception {
    return JsonSchemaFactory.getInstance(v).getSchema(Files.readString(p));
  }

  static void valid(JsonSchema schema, JsonNode doc) {
    Set<ValidationMessage> errors = schema.validate(doc);
    assertTrue(
        errors.isEmpty(),
        () -> errors.stream().limit(10).map(Object::toString).toList().toString());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void jsonOverTheCorpus(boolean unsafe) throws Exception {
    CliTest.Run diff = run(args("diff", unsafe));
    CliTest.Run r = run(args("json", unsafe));
    assertEquals(diff.code(), r.code());
    assertEquals(diff.err(), r.err(), "stderr is the same in every format");
    JsonNode doc = JSON.readTree(r.out());
    valid(
        schema(Path.of("docs", "composefix-report.schema.json"), SpecVersion.VersionFlag.V202012),
        doc);
    StringBuilder diffs = new StringBuilder();
    int findings = 0;
    for (JsonNode f : doc.get("files")) {
      diffs.append(f.get("diff").asText());
      findings += f.get("findings").size();
    }
    assertEquals(diff.out(), diffs.toString(), "the JSON diffs are the diff output");
    assertTrue(doc.get("files").size() >= 200, "the corpus was read");
    assertTrue(findings > 0);
    assertEquals(doc.at("/summary/fixed").asInt() + doc.at("/summary/left").asInt(), findings);
  }

  @Test
  void theSchemasAreNotVacuous() throws Exception {
    JsonSchema report =
        schema(Path.of("docs", "composefix-report.schema.json"), SpecVersion.VersionFlag.V202012);
    JsonNode doc =
        JSON.readTree(
            run(
                    "--format",
                    "json",
                    "--select",
                    "restart-policy",
                    CORPUS.resolve("docker+awesome-compose").toString())
                .out());
    valid(report, doc);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/files/0/findings/0"))
        .remove("fixed");
    assertFalse(report.validate(doc).isEmpty(), "a finding without 'fixed' is refused");
    JsonSchema sarif =
        schema(Path.of("..", "shared", "sarif-schema-2.1.0.json"), SpecVersion.VersionFlag.V4);
    JsonNode s =
        JSON.readTree(
            run("--format", "sarif", CORPUS.resolve("docker+awesome-compose").toString()).out());
    valid(sarif, s);
    ((com.fasterxml.jackson.databind.node.ObjectNode) s.at("/runs/0/results/0"))
        .put("level", "loud");
    assertFalse(sarif.validate(s).isEmpty(), "a result with an unknown level is refused");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sarifOverTheCorpus(boolean unsafe) throws Exception {
    CliTest.Run r = run(args("sarif", unsafe));
    assertEquals(run(args("diff", unsafe)).err(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    valid(
        schema(Path.of("..", "shared", "sarif-schema-2.1.0.json"), SpecVersion.VersionFlag.V4),
        doc);
    JsonNode run = doc.at("/runs/0");
    assertEquals("composefix", run.at("/tool/driver/name").asText());
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      assertFalse(rule.at("/help/text").asText().isBlank());
      assertTrue(
          rule.at("/helpUri").isMissingNode(),
          "no docs URL, no helpUri (a link that goes nowhere)");
      assertFalse(rule.at("/fullDescription/text").asText().isBlank());
    }
    // applying every replacement of a file gives the text that --write would write
    Engine engine = new Engine(Registry.select(List.of(), List.of()), unsafe);
    JsonNode artifacts = run.get("artifacts");
    List<List<JsonNode>> reps = new ArrayList<>();
    for (int i = 0; i < artifacts.size(); i++) {
      reps.add(new ArrayList<>());
    }
    int results = 0;
    for (JsonNode res : run.get("results")) {
      results++;
      JsonNode region = res.at("/locations/0/physicalLocation/region");
      assertTrue(region.get("startLine").asInt() >= 1);
      for (JsonNode fix : res.path("fixes")) {
        // the fix's title, which says what it does, not the rule's name again
        String what = fix.at("/description/text").asText();
        assertFalse(what.isBlank() || what.startsWith("composefix: "), what);
        for (JsonNode ch : fix.get("artifactChanges")) {
          for (JsonNode rep : ch.get("replacements")) {
            reps.get(ch.at("/artifactLocation/index").asInt()).add(rep);
          }
        }
      }
    }
    assertTrue(results > 0);
    int checked = 0;
    for (int i = 0; i < artifacts.size(); i++) {
      if (reps.get(i).isEmpty()) {
        continue;
      }
      Path p = Path.of(URI.create(artifacts.get(i).at("/location/uri").asText()));
      String before = Files.readString(p);
      String after = engine.run(p.toString(), p, before).after();
      assertEquals(after, apply(before, reps.get(i)), p.toString());
      checked++;
    }
    assertTrue(checked > 10);
  }

  static String apply(String text, List<JsonNode> reps) {
    List<JsonNode> sorted = new ArrayList<>(reps);
    sorted.sort(
        Comparator.comparingInt((JsonNode n) -> n.at("/deletedRegion/charOffset").asInt())
            .reversed());
    StringBuilder b = new StringBuilder(text);
    for (JsonNode rep : sorted) {
      int off = rep.at("/deletedRegion/charOffset").asInt();
      int len = rep.at("/deletedRegion/charLength").asInt();
      b.replace(off, off + len, rep.at("/insertedContent/text").asText(""));
    }
    return b.toString();
  }

  @Test
  void markdownOverTheCorpus() {
    CliTest.Run r = run(args("markdown", true));
    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    Node md = parser.parse(r.out());
    List<String> headings = new ArrayList<>();
    int[] tables = {0};
    int[] diffs = {0};
    md.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading h) {
            Node first = h.getFirstChild();
            headings.add(
                first instanceof org.commonmark.node.Text t
                    ? t.getLiteral()
                    : first instanceof org.commonmark.node.Code c ? c.getLiteral() : "");
            visitChildren(h);
          }

          @Override
          public void visit(CustomBlock b) {
            if (b instanceof TableBlock) {
              tables[0]++;
            }
            visitChildren(b);
          }

          @Override
          public void visit(FencedCodeBlock c) {
            if (c.getInfo().equals("diff")) {
              diffs[0]++;
              assertTrue(c.getLiteral().startsWith("--- a/"), c.getLiteral());
            }
          }
        });
    assertTrue(r.out().startsWith("This pull request hardens "), r.out().substring(0, 200));
    assertTrue(headings.contains("Summary"), headings.toString());
    assertTrue(headings.contains("Changes"), headings.toString());
    assertEquals(1, tables[0]);
    assertTrue(diffs[0] > 10, "fenced diffs: " + diffs[0]);
    assertTrue(r.out().length() < 65_536, "fits a GitHub pull request body: " + r.out().length());
  }

  static final Pattern ANNOTATION =
      Pattern.compile(
          "::(warning|error) file=[^,:\\r\\n]+(,line=[1-9][0-9]*,col=[1-9][0-9]*)?,title=[^,:\\r\\n]+::[^\\r\\n]+");

  @Test
  void githubOverTheCorpus() {
    CliTest.Run r = run(args("github", false));
    CliTest.Run diff = run(args("diff", false));
    assertEquals(diff.err(), r.err());
    String[] lines = r.out().split("\n", -1);
    assertEquals("", lines[lines.length - 1]);
    for (int i = 0; i < lines.length - 1; i++) {
      assertTrue(ANNOTATION.matcher(lines[i]).matches(), lines[i]);
    }
    assertTrue(lines.length > 100);
  }
}
