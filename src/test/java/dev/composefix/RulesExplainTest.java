package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.composefix.report.Tool;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code composefix rules} and {@code composefix explain}: complete, in registry order, from the
 * docs.
 */
class RulesExplainTest {
  /** The CLI in-process with no standard input (CliTest's runner). */
  static CliTest.Run run(String... args) {
    return CliTest.run("", args);
  }

  @Test
  void rulesAsText() {
    CliTest.Run r = run("rules");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(Registry.all().size() + 1, lines.size(), r.out());
    assertTrue(lines.get(0).matches("ID +SAFETY +DEFAULT +SUMMARY"), lines.get(0));
    for (int i = 0; i < Registry.all().size(); i++) {
      Rule rule = Registry.all().get(i);
      String[] cols = lines.get(i + 1).split(" {2,}", 4);
      assertEquals(rule.id(), cols[0]);
      assertEquals(rule.applicability().label(), cols[1]);
      assertEquals(rule.enabledByDefault() ? "on" : "off", cols[2]);
      assertEquals(rule.summary(), cols[3]);
    }
  }

  @Test
  void rulesAsJson() throws Exception {
    CliTest.Run r = run("rules", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode arr = new ObjectMapper().readTree(r.out());
    assertEquals(Registry.all().size(), arr.size());
    for (int i = 0; i < arr.size(); i++) {
      Rule rule = Registry.all().get(i);
      JsonNode o = arr.get(i);
      assertEquals(rule.id(), o.get("id").asText());
      assertEquals(rule.applicability().label(), o.get("safety").asText());
      assertEquals(rule.enabledByDefault(), o.get("default").asBoolean());
      assertEquals(rule.summary(), o.get("summary").asText());
      assertEquals(Tool.docPath(rule.id()), o.get("doc").asText());
    }
    assertEquals(2, run("rules", "--format", "xml").code());
  }

  @Test
  void explainPrintsTheDocFileItself() throws Exception {
    for (Rule rule : Registry.all()) {
      CliTest.Run r = run("explain", rule.id());
      assertEquals(0, r.code(), r.err());
      assertEquals(Files.readString(Path.of("docs", "rules", rule.id() + ".md")), r.out());
    }
  }

  @Test
  void explainUnknownRule() {
    CliTest.Run r = run("explain", "restart");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("did you mean 'restart-policy'?"), r.err());
    CliTest.Run none = run("explain", "../../pom");
    assertEquals(2, none.code());
    assertTrue(none.err().startsWith("composefix: unknown rule '../../pom'"), none.err());
    assertEquals(2, run("explain").code());
  }
}
