package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.composefix.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files that fit composefix into CI, pre-commit and Docker: they parse and say what they
 * should.
 */
class EcosystemFilesTest {
  static Object yaml(Path p) throws Exception {
    return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static List<String> uses(Map<String, Object> job) {
    List<String> out = new ArrayList<>();
    for (Object s : list(job.get("steps"))) {
      Map<String, Object> step = map(s);
      assertTrue(
          step.containsKey("uses") ^ step.containsKey("run"),
          "a step either uses an action or runs: " + step);
      if (step.containsKey("uses")) {
        String u = (String) step.get("uses");
        assertTrue(
            u.matches("[\\w.-]+/[\\w./-]+@[\\w.-]+"), "an action with a pinned version: " + u);
        out.add(u.substring(0, u.indexOf('@')));
      }
    }
    return out;
  }

  @Test
  void githubWorkflow() throws Exception {
    Path file = Path.of("docs", "ci", "github-workflow.yml");
    Map<String, Object> wf = map(yaml(file));
    Map<String, Object> on = map(wf.get("on"));
    assertTrue(
        on.containsKey("pull_request")
            && on.containsKey("schedule")
            && on.containsKey("workflow_dispatch"));
    Map<String, Object> jobs = map(wf.get("jobs"));
    Map<String, Object> check = map(jobs.get("check"));
    Map<String, Object> fix = map(jobs.get("fix"));
    assertTrue(uses(check).contains("github/codeql-action/upload-sarif"));
    assertEquals("write", map(check.get("permissions")).get("security-events"));
    assertTrue(uses(fix).contains("peter-evans/create-pull-request"));
    String text = Files.readString(file);
    // the action runs the released jar; nothing is built from source on the user's runners
    assertTrue(
        uses(check).contains("OWNER/composefix")
            && uses(fix).contains("OWNER/composefix")
            && text.contains("@v1"),
        text);
    assertTrue(
        text.contains("format: sarif")
            && text.contains("format: github")
            && text.contains("mode: fix")
            && text.contains("format: markdown"),
        text);
    assertFalse(text.contains("mvn "), "no build from source");
    Map<String, Object> action = map(yaml(Path.of("action.yml")));
    assertEquals("composite", map(action.get("runs")).get("using"));
    assertTrue(map(action.get("inputs")).keySet().containsAll(List.of("mode", "format", "args")));
    assertTrue(map(action.get("outputs")).keySet().containsAll(List.of("report", "changed")));
    assertTrue(
        Files.readString(Path.of("action.yml")).contains("sha256sum -c"),
        "the jar's checksum is verified");
    // the guide shows the very file
    String guide = Files.readString(Path.of("docs", "ci", "github-actions.md"));
    assertTrue(
        guide.contains("```yaml\n" + text + "```\n"),
        "docs/ci/github-actions.md embeds github-workflow.yml as is");
  }

  @Test
  void preCommitHooks() throws Exception {
    List<Object> hooks = list(yaml(Path.of(".pre-commit-hooks.yaml")));
    assertFalse(hooks.isEmpty());
    Set<String> languages = Set.of("script", "docker", "docker_image", "system");
    for (Object h : hooks) {
      Map<String, Object> hook = map(h);
      for (String key : List.of("id", "name", "entry", "language", "files")) {
        assertTrue(hook.containsKey(key), hook + " lacks " + key);
      }
      assertTrue(languages.contains(hook.get("language")), hook.toString());
      Pattern files = Pattern.compile((String) hook.get("files"));
      for (String yes :
          List.of("compose.yaml", "a/b/docker-compose.prod.yml", "compose.override.yaml")) {
        assertTrue(files.matcher(yes).find(), yes);
      }
      for (String no : List.of("config.yaml", "a/my-compose.yaml", "compose.json")) {
        assertFalse(files.matcher(no).find(), no);
      }
    }
    assertTrue(hooks.stream().anyMatch(h -> "composefix".equals(map(h).get("id"))));
  }

  @Test
  void dockerfileIsPinnedAndRunsAsNonRoot() throws Exception {
    List<String> from = new ArrayList<>();
    String user = null;
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      if (line.startsWith("FROM ")) {
        from.add(line);
        user = null;
      } else if (line.startsWith("USER ")) {
        user = line.substring(5).trim();
      }
    }
    assertTrue(from.size() >= 2, "multi-stage");
    for (String f : from) {
      String image = f.split("\\s+")[1];
      assertTrue(image.contains(":") || image.contains("@sha256:"), "pinned: " + f);
      assertFalse(image.endsWith(":latest"), f);
    }
    assertTrue(
        from.get(from.size() - 1).contains("gcr.io/distroless/java"), "distroless Java runtime");
    assertTrue(
        user != null && !user.startsWith("root") && !user.startsWith("0"),
        "runs as non-root: " + user);
  }

  @Test
  void composefixIsCleanOnItsOwnRepository() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"--unsafe-fixes", "--select", "ALL", "."},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]));
    assertEquals(0, code, "fixtures belong in .composefix.yaml's exclude\n" + out + "\n" + err);
  }

  @Test
  void composeExampleIsHardenedAndValid() throws Exception {
    Path file = Path.of("compose.yaml");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"--unsafe-fixes", "--select", "ALL", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]));
    assertEquals(0, code, out + "\n" + err);
    Map<String, Object> svc = map(map(map(yaml(file)).get("services")).get("composefix"));
    assertEquals(true, svc.get("read_only"));
    assertEquals(List.of("ALL"), svc.get("cap_drop"));
    assertTrue(list(svc.get("security_opt")).contains("no-new-privileges:true"));
    ObjectMapper json = new ObjectMapper();
    JsonNode doc = json.valueToTree(yaml(file));
    JsonNode spec = json.readTree(Path.of("..", "shared", "compose-spec.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) spec)
        .remove("$id"); // relative, which the validator refuses
    Set<ValidationMessage> errors =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(spec).validate(doc);
    assertTrue(errors.isEmpty(), errors.toString());
  }
}
