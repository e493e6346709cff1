package dev.composefix.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.Service;
import dev.composefix.engine.Engine;
import dev.composefix.engine.SelfCheckException;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.rule.TestRules;
import dev.composefix.yaml.Document;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose-spec schema check: the validator, the value conversion, and the engine's refusal. */
class SchemaTest {
  static Object values(String yaml) throws Exception {
    return Values.of(Document.parse(yaml).root);
  }

  static String error(String yaml) throws Exception {
    return Schema.compose().firstError(values(yaml));
  }

  @Test
  void shippedSchemaIsTheSharedOneAndFullySupported() throws Exception {
    Path shared = Path.of("..", "shared", "compose-spec.json");
    if (Files.exists(shared)) {
      assertEquals(
          Files.readString(shared),
          Files.readString(Path.of("src/main/resources/schema/compose-spec.json")));
    }
    assertEquals(
        java.util.Set.of(),
        Schema.compose().unsupportedKeywords(),
        "the schema uses keywords the validator does not check");
  }

  @Test
  void validAndInvalidComposeFiles() throws Exception {
    assertNull(
        error(
            "services:\n  web:\n    image: nginx\n    ports: ['80:80', 443]\n    restart: always\n"));
    assertNull(error("name: x\nservices: {}\nx-anything: [1, {a: b}]\n"));
    assertNull(
        error(
            "services:\n  web:\n    image: nginx\n    environment:\n      A: ${A:-1}\n      B: 2\n"));
    assertNull(error("services:\n  web:\n    image: nginx\n    cpus: 0.5\n    mem_limit: 1g\n"));
    assertTrue(
        error("services:\n  web:\n    image: nginx\n    imagee: typo\n")
            .contains("services.web.imagee"));
    assertTrue(error("services:\n  web:\n    image: [nginx]\n").contains("services.web.image"));
    assertTrue(error("services:\n  web:\n    security_opt: 5\n").contains("security_opt"));
    assertTrue(error("services:\n  web:\n    ports: ['80:80', '80:80']\n").contains("equal"));
    assertNotNull(
        error("services:\n  web:\n    depends_on:\n      db:\n        condition: sometimes\n"));
    assertNotNull(error("unknown-top: 1\nservices: {}\n"));
    assertNotNull(error("services:\n  web:\n    ports: {a: b}\n"));
  }

  @Test
  void mergeKeysAreApplied() throws Exception {
    String base = "x-b: &b\n  image: nginx\n  restart: always\nservices:\n  web:\n    <<: *b\n";
    assertNull(error(base + "    restart: 'no'\n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> web =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>) values(base + "    restart: 'no'\n")).get("services"))
                .get("web");
    assertEquals("no", web.get("restart"), "own keys win over merged ones");
    assertEquals("nginx", web.get("image"));
    assertFalse(web.containsKey("<<"));
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>) values("a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n");
    assertEquals(Map.of("x", 1L, "y", 3L), m.get("c"), "the first merge source wins");
  }

  @Test
  void scalarsAreTypedByTheCoreSchema() throws Exception {
    assertEquals(
        java.util.Arrays.asList(
            null,
            null,
            true,
            false,
            12L,
            -3L,
            8L,
            255L,
            1.5,
            "yes",
            "0x",
            "1.2.3",
            "12",
            new BigInteger("123456789012345678901234567890"),
            "x",
            "5",
            Double.POSITIVE_INFINITY),
        values(
            "[~, null, true, False, 12, -3, 0o10, 0xff, 1.5, yes, 0x, 1.2.3, '12',"
                + " 123456789012345678901234567890, !!str x, !!str 5, .inf]"));
    assertTrue(Double.isNaN((Double) ((List<?>) values("[.nan]")).get(0)));
  }

  @Test
  void expansionIsBounded() throws Exception {
    Document d =
        Document.parse("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n");
    assertEquals(3, ((Map<?, ?>) Values.of(d.root)).size());
    assertThrows(Values.TooLarge.class, () -> Values.of(d.root, 20));
  }

  @Test
  void depthThroughAliasesIsBounded() throws Exception {
    // each block is 150 deep, within the parse limit; expanded, six of them nest 900 deep
    StringBuilder b = new StringBuilder("x-0: &a0 " + "[".repeat(150) + "]".repeat(150) + "\n");
    for (int i = 1; i < 6; i++) {
      b.append("x-")
          .append(i)
          .append(": &a")
          .append(i)
          .append(' ')
          .append("[".repeat(150))
          .append("*a")
          .append(i - 1)
          .append("]".repeat(150))
          .append('\n');
    }
    String text = b + "services:\n  web:\n    image: nginx\n    labels: {x: 1}\n    x-deep: *a5\n";
    Document d = Document.parse(text);
    assertThrows(Values.TooLarge.class, () -> Values.of(d.root));
    // the engine then skips the schema check (the file cannot be read by compose anyway) and goes
    // on
    assertTrue(
        new Engine(dev.composefix.rules.Registry.select(List.of(), List.of()), true)
            .run("compose.yaml", text)
            .after()
            .startsWith(text.substring(0, 20)));
  }

  @Test
  void validatorKeywords() {
    Schema s =
        Schema.parse(
            "{\"definitions\": {\"n\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 3}},"
                + "\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"$ref\": \"#/definitions/n\"},"
                + "\"b\": {\"anyOf\": [{\"type\": \"string\", \"pattern\": \"^x\"}, {\"const\": 7}]},"
                + "\"c\": {\"type\": \"array\", \"items\": {\"enum\": [\"p\", \"q\"]}, \"minItems\": 1, \"maxItems\": 2},"
                + "\"d\": {\"allOf\": [{\"type\": \"string\"}, {\"not\": {\"const\": \"z\"}}], \"maxLength\": 2}},"
                + "\"additionalProperties\": false}");
    assertNull(s.firstError(Map.of("a", 2L)));
    assertNull(s.firstError(Map.of("a", 2.0, "b", "xy", "c", List.of("p"), "d", "ab")));
    assertNull(s.firstError(Map.of("a", 3L, "b", 7L)));
    assertNotNull(s.firstError(Map.of()));
    assertNotNull(s.firstError(Map.of("a", 0L)));
    assertNotNull(s.firstError(Map.of("a", 4L)));
    assertNotNull(s.firstError(Map.of("a", 1.5)));
    assertNotNull(s.firstError(Map.of("a", 1L, "b", "yx")));
    assertNotNull(s.firstError(Map.of("a", 1L, "c", List.of())));
    assertNotNull(s.firstError(Map.of("a", 1L, "c", List.of("p", "q", "p"))));
    assertNotNull(s.firstError(Map.of("a", 1L, "c", List.of("r"))));
    assertNotNull(s.firstError(Map.of("a", 1L, "d", "z")));
    assertNotNull(s.firstError(Map.of("a", 1L, "d", "abc")));
    assertTrue(s.firstError(Map.of("a", 1L, "e", 1L)).startsWith("e: "));
    assertEquals(java.util.Set.of(), s.unsupportedKeywords());
    assertEquals(java.util.Set.of("if"), Schema.parse("{\"if\": {}}").unsupportedKeywords());
  }

  /**
   * A rule that adds a value the schema refuses, inside the route it names: only the schema check
   * sees it.
   */
  static final class Breaker implements Rule {
    @Override
    public String id() {
      return "breaker";
    }

    @Override
    public String summary() {
      return "breaks the schema";
    }

    @Override
    public Applicability applicability() {
      return Applicability.SAFE;
    }

    @Override
    public void check(RuleContext ctx) {
      for (Service s : ctx.file().services()) {
        if (!s.has("security_opt")) {
          ctx.fix(
              s.key,
              s,
              "break it",
              "Break it",
              ctx.patch().addEntry(s.own, "security_opt", "5", null));
        }
      }
    }
  }

  @Test
  void engineRefusesAFixThatBreaksSchemaValidity() {
    Engine e = new Engine(List.of(new Breaker()), false);
    SelfCheckException x =
        assertThrows(
            SelfCheckException.class,
            () -> e.run("compose.yaml", "services:\n  web:\n    image: nginx\n"));
    assertEquals("breaker", x.rule);
    assertTrue(x.getMessage().contains("compose-spec schema"), x.getMessage());
  }

  @Test
  void theRuleThatBrokeABatchIsNamed() {
    Engine e =
        new Engine(List.of(TestRules.addKey("harmless", "init", true), new Breaker()), false);
    SelfCheckException x =
        assertThrows(
            SelfCheckException.class,
            () -> e.run("compose.yaml", "services:\n  web:\n    image: nginx\n"));
    assertEquals("breaker", x.rule);
  }

  @Test
  void anInvalidInputIsNotHeldToTheSchema() throws Exception {
    Engine e = new Engine(List.of(new Breaker()), false);
    String in = "services:\n  web:\n    image: nginx\n    imagee: typo\n";
    assertTrue(e.run("compose.yaml", in).after().contains("security_opt: "));
  }
}
