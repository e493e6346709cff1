package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every fixture output that composefix writes validates against the compose-spec schema
 * (../shared/compose-spec.json) as well as its input did: no schema error that the input did not
 * have. The inputs of volume-init and root-user are valid compose files (unless a case is marked
 * with a schema-invalid-input file), so the services these rules add are checked in full.
 */
class SchemaTest {
  static final Path SCHEMA = Path.of("..", "shared", "compose-spec.json");
  static final Set<String> MUST_VALIDATE = Set.of("volume-init", "root-user");

  static JsonSchema schema() throws IOException {
    ObjectMapper om = new ObjectMapper();
    JsonNode s = om.readTree(SCHEMA.toFile());
    // the schema's relative $id ("compose_spec.json") is not an absolute URI; its refs are all
    // local
    ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("$id");
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(s);
  }

  static Set<ValidationMessage> check(JsonSchema schema, Path file) throws IOException {
    LoaderOptions lo = new LoaderOptions();
    // compose's own tags (!reset, !override) are read as the plain value they tag
    org.yaml.snakeyaml.constructor.SafeConstructor sc =
        new org.yaml.snakeyaml.constructor.SafeConstructor(lo) {
          @Override
          protected org.yaml.snakeyaml.constructor.Construct getConstructor(
              org.yaml.snakeyaml.nodes.Node node) {
            if (!node.getTag().getValue().startsWith(org.yaml.snakeyaml.nodes.Tag.PREFIX)) {
              node.setTag(
                  switch (node.getNodeId()) {
                    case mapping -> org.yaml.snakeyaml.nodes.Tag.MAP;
                    case sequence -> org.yaml.snakeyaml.nodes.Tag.SEQ;
                    default -> org.yaml.snakeyaml.nodes.Tag.STR;
                  });
            }
            return super.getConstructor(node);
          }
        };
    Object doc = new Yaml(sc).load(Files.readString(file).replace("\uFEFF", ""));
    return schema.validate(new ObjectMapper().valueToTree(doc));
  }

  @TestFactory
  Stream<DynamicTest> outputsValidate() throws IOException {
    if (!Files.exists(SCHEMA)) {
      return Stream.empty();
    }
    JsonSchema schema = schema();
    return FixtureTest.cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Set<ValidationMessage> in = check(schema, c.dir().resolve("input.yaml"));
                      Set<ValidationMessage> out = check(schema, c.dir().resolve("output.yaml"));
                      Set<String> before = new java.util.HashSet<>();
                      in.forEach(m -> before.add(m.getMessage()));
                      for (ValidationMessage m : out) {
                        assertTrue(
                            before.contains(m.getMessage()),
                            c.name()
                                + "/output.yaml has a schema error its input did not have: "
                                + m);
                      }
                      if (MUST_VALIDATE.contains(c.rule())) {
                        assertTrue(
                            in.isEmpty()
                                || c.dir().resolve("schema-invalid-input").toFile().exists(),
                            c.name()
                                + "/input.yaml does not validate (mark it with a schema-invalid-input file if on purpose): "
                                + in);
                      }
                    }));
  }
}
