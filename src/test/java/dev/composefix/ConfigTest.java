package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.cli.Settings;
import dev.composefix.config.Config;
import dev.composefix.engine.FileResult;
import dev.composefix.engine.Suppressed;
import dev.composefix.knowledge.KnowledgeSchema;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.YamlException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** .composefix.yaml: each key, errors with positions, precedence, exclude globs, suppressions. */
class ConfigTest {
  @TempDir Path dir;

  static final String UNHARDENED =
      "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n";

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static YamlException bad(String text) {
    return assertThrows(YamlException.class, () -> Config.parse(text, null, Registry.ids()));
  }

  static List<String> ids(List<Rule> rules) {
    return rules.stream().map(Rule::id).toList();
  }

  // ---- each key

  @Test
  void everyKey() throws Exception {
    Config c =
        Config.parse(
            """
        select: [restart-policy, log-rotation]
        ignore: [log-rotation]
        exclude: ["tests/**", "*.ci.yml"]
        unsafe-fixes: true
        per-service:
          db: [restart-policy]
        knowledge:
          users:
            - image: "ghcr.io/acme/api:*"
              uid: 10001
              gid: 10001
              names: {api: "10001:10001"}
              owns: [/data]
              source: https://github.com/acme/api/blob/main/Dockerfile
          healthchecks:
            - images: acme/queue
              test: [CMD, queue-cli, ping]
              interval: 10s
              retries: 3
            - images: [acme/has-own]
              image_healthcheck: true
          runtime:
            - match: acme/web
              kind: web
              tmpfs: [/var/cache/acme, /run]
              cap_add: [NET_BIND_SERVICE]
          sizes:
            database:
              limits: {memory: 2g, cpus: 1.5}
              pids_limit: 200
        """,
            null,
            Registry.ids());
    assertEquals(List.of("restart-policy", "log-rotation"), c.select);
    assertEquals(List.of("log-rotation"), c.ignore);
    assertEquals(List.of("tests/**", "*.ci.yml"), c.exclude);
    assertEquals(Boolean.TRUE, c.unsafeFixes);
    assertEquals(Map.of("db", List.of("restart-policy")), c.perService);
    Map<String, Object> user = c.knowledge("users").get(0);
    assertEquals(
        List.of("ghcr.io/acme/api:*"), user.get("image"), "a single pattern becomes a list");
    assertEquals(10001, user.get("uid"));
    assertEquals(Map.of("api", "10001:10001"), user.get("names"));
    assertEquals(List.of("/data"), user.get("owns"));
    assertEquals(List.of("acme/queue"), c.knowledge("healthchecks").get(0).get("images"));
    assertEquals(
        List.of("CMD", "queue-cli", "ping"), c.knowledge("healthchecks").get(0).get("test"));
    assertEquals(3, c.knowledge("healthchecks").get(0).get("retries"));
    assertEquals(Boolean.TRUE, c.knowledge("healthchecks").get(1).get("image_healthcheck"));
    assertEquals(List.of("NET_BIND_SERVICE"), c.knowledge("runtime").get(0).get("cap_add"));
    Map<String, Object> size = c.knowledge("sizes").get(0);
    assertEquals("database", size.get("kind"), "a size class carries its name");
    assertEquals(
        Map.of("memory", "2g", "cpus", "1.5"),
        size.get("limits"),
        "strings stay strings, whatever they look like");
    assertEquals(200, size.get("pids_limit"));
    assertEquals(List.of(), Config.NONE.knowledge("users"));
    List<Map<String, Object>> shipped =
        List.of(Map.of("image", "gcr.io/distroless/*:nonroot", "uid", 65532));
    assertEquals(
        List.of(user, shipped.get(0)),
        Config.withShipped(c, "users", shipped),
        "the user's entries first");
  }

  @Test
  void emptyFileIsNoConfiguration() throws Exception {
    Config c = Config.parse("# nothing yet\n", null, Registry.ids());
    assertNull(c.select);
    assertNull(c.unsafeFixes);
    assertTrue(c.perService.isEmpty());
  }

  // ---- errors, with positions

  @Test
  void unknownKeyIsAnErrorWithItsPosition() {
    YamlException e = bad("select: [restart-policy]\nselct: [log-rotation]\n");
    assertEquals(2, e.line);
    assertEquals(1, e.column);
    assertTrue(e.getMessage().contains("unknown key 'selct'"), e.getMessage());
  }

  @Test
  void wrongTypesAreErrorsWithTheirPositions() {
    YamlException e = bad("unsafe-fixes: yes\n");
    assertEquals(1, e.line);
    assertEquals(15, e.column);
    e = bad("select: restart-policy\n");
    assertTrue(e.getMessage().contains("select must be a list"), e.getMessage());
    e = bad("per-service: [db]\n");
    assertTrue(e.getMessage().contains("per-service must be a mapping"), e.getMessage());
    e = bad("knowledge:\n  users:\n    - image: x/y\n      uid: \"1000\"\n");
    assertEquals(4, e.line);
    assertEquals(12, e.column);
    e = bad("knowledge:\n  users:\n    - image: x/y\n      uid: 1000\n      home: /x\n");
    assertEquals(5, e.line);
    assertTrue(e.getMessage().contains("unknown key 'home' in knowledge.users"), e.getMessage());
    e = bad("knowledge:\n  images: []\n");
    assertTrue(e.getMessage().contains("unknown knowledge table 'images'"), e.getMessage());
    e = bad("knowledge:\n  users:\n    - uid: 1000\n");
    assertTrue(e.getMessage().contains("needs 'image'"), e.getMessage());
    e = bad("knowledge:\n  runtime:\n    - match: x\n      kind: huge\n");
    assertEquals(4, e.line);
    assertEquals(13, e.column);
    assertTrue(e.getMessage().contains("unknown size class 'huge'"), e.getMessage());
    e = bad("- select\n");
    assertTrue(e.getMessage().contains("must be a mapping"), e.getMessage());
  }

  @Test
  void unknownRuleInTheConfigurationIsAnError() {
    YamlException e = bad("ignore:\n  - restart-policy\n  - no-such-rule\n");
    assertEquals(3, e.line);
    assertEquals(5, e.column);
    assertTrue(e.getMessage().contains("unknown rule 'no-such-rule'"), e.getMessage());
    e = bad("per-service:\n  db: [restart-policy, nope]\n");
    assertEquals(2, e.line);
    assertEquals(24, e.column);
  }

  // ---- the JSON schema says what the code accepts

  @Test
  @SuppressWarnings("unchecked")
  void jsonSchemaAgreesWithTheCode() throws Exception {
    Map<String, Object> schema;
    try (InputStream in = Files.newInputStream(Path.of("docs/composefix-config.schema.json"))) {
      schema =
          (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
    }
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    assertEquals(
        Set.of(
            "select",
            "ignore",
            "exclude",
            "unsafe-fixes",
            "per-service",
            "knowledge",
            "purpose",
            "overlay",
            "logging",
            "docs-url",
            "group-by"),
        props.keySet());
    assertEquals(Boolean.FALSE, schema.get("additionalProperties"));
    Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
    Map<String, Object> tables =
        (Map<String, Object>) ((Map<String, Object>) props.get("knowledge")).get("properties");
    assertEquals(KnowledgeSchema.TABLES.keySet(), tables.keySet());
    for (String table : KnowledgeSchema.TABLES.keySet()) {
      Map<String, Object> entry = (Map<String, Object>) defs.get(table + "Entry");
      assertEquals(
          new TreeSet<>(KnowledgeSchema.TABLES.get(table).keySet()),
          new TreeSet<>(((Map<String, Object>) entry.get("properties")).keySet()),
          table);
      String required = KnowledgeSchema.REQUIRED.get(table);
      assertTrue(
          required.isEmpty() || ((List<String>) entry.get("required")).contains(required), table);
      assertEquals(Boolean.FALSE, entry.get("additionalProperties"), table);
    }
  }

  // ---- precedence: the command line over the file

  @Test
  void commandLineOverConfiguration() throws Exception {
    Config c =
        Config.parse(
            "select: [restart-policy, log-rotation]\nignore: [log-rotation]\nunsafe-fixes: true\n",
            null,
            Registry.ids());
    Settings s = Settings.of(c, List.of(), List.of(), false, false);
    assertEquals(List.of("restart-policy"), ids(s.rules));
    assertTrue(s.unsafeFixes);
    s = Settings.of(c, List.of("log-rotation", "no-new-privileges"), List.of(), false, false);
    assertEquals(
        List.of("no-new-privileges", "log-rotation"),
        ids(s.rules),
        "--select replaces select and ignore");
    s = Settings.of(c, List.of(), List.of("restart-policy"), false, true);
    assertEquals(List.of(), ids(s.rules), "--ignore adds to ignore");
    assertFalse(s.unsafeFixes, "--no-unsafe-fixes wins over unsafe-fixes: true");
    Config none = Config.parse("ignore: [obsolete-version]\n", null, Registry.ids());
    assertTrue(Settings.of(none, List.of(), List.of(), true, false).unsafeFixes);
    assertEquals(
        Registry.all().stream().map(Rule::id).filter(id -> !id.equals("obsolete-version")).toList(),
        ids(Settings.of(none, List.of(), List.of(), false, false).rules));
  }

  // ---- finding the file, exclude globs

  @Test
  void foundInTheDirectoryOrAboveUpToTheRepository() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    Path deep = repo.resolve("a/b");
    Files.createDirectories(deep);
    file(".composefix.yaml", "select: [restart-policy]\n");
    assertNull(Config.find(deep), "the search stops at the top of the repository");
    Path cfg = file("repo/.composefix.yaml", "");
    assertEquals(cfg, Config.find(deep));
    Path near = file("repo/a/.composefix.yaml", "");
    assertEquals(near, Config.find(deep));
    assertEquals(dir.resolve(".composefix.yaml"), Config.find(dir.resolve("x")));
  }

  @Test
  void excludeGlobs() throws Exception {
    Path cfg = file("proj/.composefix.yaml", "");
    Config c =
        Config.parse(
            "exclude: [\"tests\", \"deploy/*.ci.yml\", \"**/compose.dev.yaml\"]\n",
            cfg,
            Registry.ids());
    Path p = dir.resolve("proj");
    assertTrue(c.excludes(p.resolve("tests/compose.yaml")));
    assertTrue(
        c.excludes(p.resolve("svc/tests/e2e/compose.yaml")),
        "a name without a slash matches at any depth");
    assertTrue(c.excludes(p.resolve("deploy/docker-compose.ci.yml")));
    assertFalse(
        c.excludes(p.resolve("other/deploy/docker-compose.ci.yml")),
        "a glob with a slash is anchored");
    assertTrue(c.excludes(p.resolve("a/b/compose.dev.yaml")));
    assertFalse(c.excludes(p.resolve("compose.yaml")));
    assertFalse(c.excludes(p.resolve("testsuite/compose.yaml")));
    assertFalse(
        c.excludes(p.resolve("tests/compose.yaml"), p.resolve("tests")),
        "the directory searched is not excluded");
    assertTrue(c.excludes(p.resolve("tests/compose.yaml"), p), "but what is found below it is");
    assertTrue(c.excludes(p.resolve("x/tests/compose.yaml"), p.resolve("x")));
    assertTrue(
        c.excludes(p.resolve("deploy/docker-compose.ci.yml"), dir),
        "searched from above the configuration");
    Config dot = Config.parse("exclude: [\"./deploy/\"]\n", cfg, Registry.ids());
    assertTrue(dot.excludes(p.resolve("deploy/compose.yaml"), p));
  }

  // ---- the command line

  @Test
  void cliExcludeSelectAndPerService() throws Exception {
    file(
        ".composefix.yaml",
        """
        exclude: [fixtures]
        select: [restart-policy]
        per-service:
          db: [restart-policy]
        """);
    file("compose.yaml", UNHARDENED);
    Path excluded = file("fixtures/compose.yaml", UNHARDENED);
    CliTest.Run r = CliTest.run("", dir.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("+++ b/") && r.out().contains("compose.yaml"), r.out());
    assertFalse(r.out().contains("fixtures/compose.yaml"), "excluded: " + r.out());
    assertEquals(
        1,
        r.out().split("\\+    restart: unless-stopped", -1).length - 1,
        "db is ignored: " + r.out());
    assertFalse(r.out().contains("security_opt"), "select from the file: " + r.out());
    assertTrue(r.err().contains("1 suppressed"), r.err());
    CliTest.Run named = CliTest.run("", excluded.toString());
    assertEquals(
        1, named.code(), "a file named on the command line is processed even when excluded");
    CliTest.Run cli =
        CliTest.run("", "--select", "no-new-privileges", dir.resolve("compose.yaml").toString());
    assertTrue(cli.out().contains("security_opt") && !cli.out().contains("restart"), cli.out());
  }

  @Test
  void cliExplicitConfigAndUnsafe() throws Exception {
    Path cfg =
        file(
            "elsewhere/strict.yaml",
            "select: [restart-policy, no-new-privileges, log-rotation]\n"
                + "ignore: [restart-policy, no-new-privileges, log-rotation]\n");
    Path p = file("compose.yaml", UNHARDENED);
    CliTest.Run r = CliTest.run("", "--config", cfg.toString(), p.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    CliTest.Run missing =
        CliTest.run("", "--config", dir.resolve("nope.yaml").toString(), p.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
    CliTest.Run both = CliTest.run("", "--unsafe-fixes", "--no-unsafe-fixes", p.toString());
    assertEquals(2, both.code());
  }

  @Test
  void cliBadConfigurationIsExit2WithPosition() throws Exception {
    file(".composefix.yaml", "select: [restart-policy]\nunsafe_fixes: true\n");
    Path p = file("compose.yaml", UNHARDENED);
    CliTest.Run r = CliTest.run("", p.toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(
        r.err().contains(".composefix.yaml:2:1: error: unknown key 'unsafe_fixes'"), r.err());
    assertEquals(UNHARDENED, Files.readString(p));
    assertFalse(r.err().contains("Exception"), r.err());
    file(".composefix.yaml", "per-service:\n  db: [restart-polcy]\n");
    r = CliTest.run("", p.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains(".composefix.yaml:2:8: error: unknown rule 'restart-polcy'"), r.err());
  }

  @Test
  void cliStandardInputUsesTheConfigurationOfTheCurrentDirectoryOrConfig() throws Exception {
    Path cfg = file("c.yaml", "select: [no-new-privileges]\n");
    CliTest.Run r = CliTest.run(UNHARDENED, "--config", cfg.toString(), "-");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("no-new-privileges:true") && !r.out().contains("restart"), r.out());
    Path bad = file("bad.yaml", "select: 3\n");
    r = CliTest.run(UNHARDENED, "--config", bad.toString(), "-");
    assertEquals(2, r.code());
    assertEquals(UNHARDENED, r.out(), "standard input is given back as it was");
  }

  @Test
  void cliUnknownRuleInASuppressionIsAWarning() throws Exception {
    Path p =
        file(
            "compose.yaml",
            """
        services:
          web: # composefix: ignore[restart-policy, no-such-rule]
            image: nginx:1.27
            x-composefix:
              ignore: [nor-this-one]
        """);
    CliTest.Run r = CliTest.run("", "--select", "restart-policy", p.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "compose.yaml:2:45: warning: unknown rule 'no-such-rule' in a suppression comment"),
        r.err());
    assertTrue(
        r.err().contains("compose.yaml:5:16: warning: unknown rule 'nor-this-one'"), r.err());
  }

  // ---- what the engine keeps of a suppressed finding

  @Test
  void suppressedFindingsAreKeptWithTheirReason() throws Exception {
    Path cfg = file(".composefix.yaml", "per-service:\n  db: [no-new-privileges]\n");
    Config c = Config.load(cfg, Registry.ids());
    String text =
        """
        services:
          web: # composefix: ignore[restart-policy] systemd restarts it
            image: nginx:1.27
          db:
            image: postgres:16
            restart: always
          api:
            image: x/api:1
            x-composefix: {ignore: [no-new-privileges, restart-policy], reason: managed by the platform}
        """;
    FileResult r =
        Settings.of(c, List.of("restart-policy", "no-new-privileges"), List.of(), false, false)
            .engine()
            .run("compose.yaml", text);
    assertTrue(r.remaining().isEmpty(), r.remaining().toString());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    List<String> got =
        r.suppressed().stream()
            .map(
                s ->
                    s.finding().service()
                        + " "
                        + s.finding().rule()
                        + " "
                        + s.inSource()
                        + " "
                        + s.reason())
            .toList();
    assertEquals(
        Set.of(
            "web restart-policy true systemd restarts it",
            "db no-new-privileges false per-service ignore in .composefix.yaml",
            "api no-new-privileges true managed by the platform",
            "api restart-policy true managed by the platform"),
        Set.copyOf(got));
    Suppressed web =
        r.suppressed().stream()
            .filter(s -> s.finding().service().equals("web"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, web.line());
    assertEquals(8, web.column());
    assertTrue(r.after().contains("  web: # composefix"), "nothing else moved");
    assertEquals(
        1,
        r.fixed().size(),
        "web gets no-new-privileges, and nothing else is touched: " + r.fixed());
  }

  // ---- x-composefix is never edited

  /** A rule that would add a key inside each service's x-composefix block. */
  static final class EditsExtension implements Rule {
    public String id() {
      return "restart-policy";
    }

    public String summary() {
      return "test";
    }

    public dev.composefix.rule.Applicability applicability() {
      return dev.composefix.rule.Applicability.SAFE;
    }

    public void check(dev.composefix.rule.RuleContext ctx) {
      for (dev.composefix.compose.Service s : ctx.file().services()) {
        if (s.get("x-composefix") instanceof dev.composefix.yaml.YNode.Mapping m) {
          ctx.fix(
              s.key,
              s,
              "test",
              "Overwrite the reason",
              ctx.patch().addEntry(m, "reason", "overwritten", null));
        }
      }
    }
  }

  @Test
  void fixesNeverEditXComposefix() throws Exception {
    String text =
        "services:\n  web:\n    image: nginx:1.27\n    x-composefix:\n      ignore: [log-rotation]\n";
    FileResult r =
        new dev.composefix.engine.Engine(List.of(new EditsExtension()), false)
            .run("compose.yaml", text);
    assertEquals(text, r.after());
    assertEquals(1, r.remaining().size());
    assertTrue(
        r.remaining().get(0).message().contains("never edits an x-composefix block"),
        r.remaining().toString());
  }

  @Test
  void aKeyIsStillAddedAfterAnXComposefixBlock() throws Exception {
    String text =
        """
        services:
          web:
            image: nginx:1.27
            x-composefix:
              ignore:
                - log-rotation

          # the database
          db:
            image: postgres:16
        """;
    FileResult r =
        Settings.of(Config.NONE, List.of("restart-policy"), List.of(), false, false)
            .engine()
            .run("compose.yaml", text);
    assertTrue(
        r.after()
            .contains("        - log-rotation\n    restart: unless-stopped\n\n  # the database\n"),
        r.after());
    assertTrue(r.remaining().isEmpty(), r.remaining().toString());
  }
}
