package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.composefix.compose.RunAs;
import dev.composefix.config.Config;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.knowledge.KnowledgeSchema;
import dev.composefix.rules.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Knowledge additions in .composefix.yaml have the shape of the shipped tables, and reach the
 * rules: for each table, an addition changes what a rule does.
 */
class KnowledgeConfigTest {
  @TempDir Path dir;

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** The shipped tables written as a configuration's knowledge block. */
  static String shippedAsConfig() {
    Map<String, Object> knowledge = new LinkedHashMap<>();
    for (String table : KnowledgeSchema.FIELDS.keySet()) {
      List<String> where = KnowledgeSchema.SHIPPED.get(table);
      knowledge.put(table, ((Map<?, ?>) Knowledge.load(where.get(0))).get(where.get(1)));
    }
    DumpSettings ds = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(ds).dumpToString(Map.of("knowledge", knowledge));
  }

  @Test
  void everyShippedEntryIsAValidAddition() throws Exception {
    String text = shippedAsConfig();
    Config c = Config.parse(text, null, Registry.ids());
    for (String table : KnowledgeSchema.FIELDS.keySet()) {
      List<String> where = KnowledgeSchema.SHIPPED.get(table);
      Object shipped = ((Map<?, ?>) Knowledge.load(where.get(0))).get(where.get(1));
      int n = shipped instanceof Map<?, ?> m ? m.size() : ((List<?>) shipped).size();
      assertEquals(n, c.knowledge(table).size(), table);
    }
    // and the JSON schema accepts them too
    Object data = new Load(LoadSettings.builder().build()).loadFromString(text);
    ObjectMapper om = new ObjectMapper();
    JsonNode node = om.valueToTree(data);
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(om.readTree(Path.of("docs/composefix-config.schema.json").toFile()));
    Set<ValidationMessage> errors = schema.validate(node);
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void theExamplesInTheDocumentationAreValid() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    int n = 0;
    for (String block : doc.split("```yaml\n")) {
      String yaml = block.substring(0, Math.max(0, block.indexOf("```")));
      if (yaml.startsWith("knowledge:") || yaml.startsWith("# .composefix.yaml")) {
        Config.parse(yaml, null, Registry.ids());
        n++;
      }
    }
    assertTrue(n >= 2, "examples found: " + n);
  }

  @Test
  void theMergedTableIsComputedOncePerConfiguration() throws Exception {
    Config c =
        Config.parse(
            "knowledge:\n  users:\n    - image: acme/api\n      uid: 10001\n",
            null,
            Registry.ids());
    List<Map<String, Object>> t = RunAs.table(c);
    assertSame(t, RunAs.table(c));
    assertEquals(List.of("acme/api"), t.get(0).get("image"), "the user's entry first");
    assertSame(
        RunAs.table(Config.NONE),
        RunAs.table(Config.NONE),
        "no additions: the shipped list itself");
    assertEquals(RunAs.table(Config.NONE).size() + 1, t.size());
  }

  static final String PRIVATE =
      """
      services:
        api:
          image: ghcr.io/acme/api:1.4
          restart: unless-stopped
          volumes:
            - data:/var/lib/api
      volumes:
        data:
      """;

  CliTest.Run run(String config, String compose, String... args) throws Exception {
    file(".composefix.yaml", config);
    Path p = file("compose.yaml", compose);
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = p.toString();
    return CliTest.run("", all);
  }

  @Test
  void usersAdditionGivesAPrivateImageItsUidAndItsVolumeAnInit() throws Exception {
    CliTest.Run before = run("select: [volume-init]\n", PRIVATE);
    assertFalse(before.out().contains("chown"), before.out());
    CliTest.Run after =
        run(
            """
        select: [volume-init]
        knowledge:
          users:
            - image: "ghcr.io/acme/api"
              uid: 10001
              gid: 10001
              source: our Dockerfile
        """,
            PRIVATE);
    assertEquals(1, after.code(), after.err());
    assertTrue(after.out().contains("10001:10001"), after.out());
    assertTrue(after.out().contains("service_completed_successfully"), after.out());
    CliTest.Run owned =
        run(
            """
        select: [volume-init]
        knowledge:
          users:
            - image: ghcr.io/acme/*
              uid: 10001
              owns: [/var/lib/api]
        """,
            PRIVATE);
    assertFalse(
        owned.out().contains("chown"),
        "the image creates the path owned by its user: " + owned.out());
  }

  @Test
  void healthchecksAdditionGivesAPrivateImageAHealthcheck() throws Exception {
    String config =
        """
        select: [healthcheck]
        knowledge:
          healthchecks:
            - images: ghcr.io/acme/api
              test: [CMD, /app/api, health]
              interval: 15s
        """;
    CliTest.Run before = run("select: [healthcheck]\n", PRIVATE);
    assertEquals("", before.out());
    CliTest.Run after = run(config, PRIVATE);
    assertTrue(after.out().contains("+    healthcheck:"), after.out());
    assertTrue(
        after.out().contains("/app/api") && after.out().contains("interval: 15s"), after.out());
    assertTrue(
        after.out().contains("retries: 5"), "the shipped defaults fill the rest: " + after.out());
    CliTest.Run own =
        run(
            """
        select: [healthcheck]
        knowledge:
          healthchecks:
            - images: [postgres]
              image_healthcheck: true
        """,
            "services:\n  db:\n    image: postgres:16\n");
    assertEquals("", own.out(), "the user's entry wins over the shipped postgres check");
    String gateway =
        """
        services:
          app:
            image: acme/app:1
            restart: unless-stopped
            depends_on:
              - gateway
          gateway:
            image: acme/gateway:2
            restart: unless-stopped
        """;
    CliTest.Run waits = run("select: [depends-on-healthy]\n", gateway);
    assertEquals("", waits.out(), "the gateway's own HEALTHCHECK is not known yet: " + waits.out());
    waits =
        run(
            """
        select: [depends-on-healthy]
        knowledge:
          healthchecks:
            - images: acme/gateway
              image_healthcheck: true
        """,
            gateway);
    assertTrue(waits.out().contains("condition: service_healthy"), waits.out());
  }

  @Test
  void runtimeAdditionGivesAPrivateImageReadOnlyAndTmpfs() throws Exception {
    String config =
        """
        select: [read-only-rootfs]
        knowledge:
          runtime:
            - match: [ghcr.io/acme/api]
              kind: web
              tmpfs: [/run/api]
        """;
    CliTest.Run before = run("select: [read-only-rootfs]\n", PRIVATE, "--unsafe-fixes");
    assertFalse(before.out().contains("read_only"), before.out());
    CliTest.Run after = run(config, PRIVATE, "--unsafe-fixes");
    assertTrue(after.out().contains("+    read_only: true"), after.out());
    assertTrue(after.out().contains("/run/api") && after.out().contains("/tmp"), after.out());
    CliTest.Run safeOnly = run(config, PRIVATE);
    assertFalse(
        safeOnly.out().contains("read_only"),
        "an unsafe fix waits for --unsafe-fixes: " + safeOnly.out());
  }

  @Test
  void sizesAdditionChangesLimitsOfAKindAndAddsANewOne() throws Exception {
    String compose = "services:\n  db:\n    image: postgres:16\n";
    CliTest.Run shipped = run("select: [pids-limit]\n", compose, "--unsafe-fixes");
    assertTrue(shipped.out().contains("pids_limit: 500"), shipped.out());
    CliTest.Run mine =
        run(
            """
        select: [pids-limit, resource-limits]
        knowledge:
          sizes:
            database:
              pids_limit: 300
        """,
            compose,
            "--unsafe-fixes");
    assertTrue(mine.out().contains("pids_limit: 300"), mine.out());
    assertTrue(
        mine.out().contains("memory: 2G"), "other fields stay the shipped ones: " + mine.out());
    CliTest.Run custom =
        run(
            """
        select: [pids-limit, resource-limits]
        knowledge:
          runtime:
            - match: ghcr.io/acme/api
              kind: tiny
          sizes:
            tiny:
              limits: {memory: 64M, cpus: "0.25"}
              reservations: {memory: 32M, cpus: "0.1"}
              pids_limit: 50
        """,
            PRIVATE,
            "--unsafe-fixes");
    assertTrue(
        custom.out().contains("pids_limit: 50") && custom.out().contains("memory: 64M"),
        custom.out());
  }

  @Test
  void malformedAdditionsAreExit2WithTheirPosition() throws Exception {
    String[][] cases = {
      {
        "knowledge:\n  users:\n    - image: acme/api\n      uid: 10001\n      paths: [/data]\n",
        ".composefix.yaml:5:7: error: unknown key 'paths' in knowledge.users"
      },
      {
        "knowledge:\n  healthchecks:\n    - images: acme/api\n      test: [/app/api, health]\n",
        ".composefix.yaml:4:13: error: knowledge.healthchecks.test must be a list starting with CMD"
      },
      {
        "knowledge:\n  healthchecks:\n    - images: acme/api\n      interval: 15\n      skip: no tool\n",
        ".composefix.yaml:4:17: error: knowledge.healthchecks.interval: '15' is not a duration"
      },
      {
        "knowledge:\n  healthchecks:\n    - images: acme/api\n      retries: 3\n",
        ".composefix.yaml:3:7: error: an entry of knowledge.healthchecks needs exactly one of"
      },
      {
        "knowledge:\n  runtime:\n    - match: acme/api\n      tmpfs: [run/api]\n",
        ".composefix.yaml:4:15: error: knowledge.runtime.tmpfs: 'run/api' is not an absolute path"
      },
      {
        "knowledge:\n  runtime:\n    - match: acme/api\n      kind: tiny\n",
        ".composefix.yaml:4:13: error: knowledge.runtime.kind: unknown size class 'tiny'"
      },
      {
        "knowledge:\n  sizes:\n    tiny:\n      pids_limit: 50\n",
        ".composefix.yaml:4:7: error: knowledge.sizes.tiny is a new size class, so it needs 'limits'"
      },
      {
        "knowledge:\n  sizes:\n    database:\n      limits: {memory: lots, cpus: 1}\n",
        ".composefix.yaml:4:24: error: knowledge.sizes.database.limits.memory: 'lots' is not a memory size"
      },
      {
        "knowledge:\n  sizes:\n    - kind: database\n",
        ".composefix.yaml:3:5: error: knowledge.sizes (size class name to its sizes) must be a mapping"
      },
    };
    for (String[] c : cases) {
      CliTest.Run r = run(c[0], PRIVATE);
      assertEquals(2, r.code(), c[0] + r.err());
      assertTrue(r.err().contains(c[1]), "expected " + c[1] + " in: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }
}
