package dev.composefix.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.config.Config;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle model, file purposes and the project's declarations in .composefix.yaml. */
class LifecycleTest {
  static Lifecycle life(String service, String yaml) throws Exception {
    return ComposeFile.of(Document.parse(yaml), "compose.yaml").lifecycle(service);
  }

  @Test
  void strongSignalsMakeAJob() throws Exception {
    assertTrue(
        life("m", "services:\n  m:\n    image: a\n    command: bundle exec rake db:migrate\n")
            .oneShot());
    assertTrue(
        life("t", "services:\n  t:\n    image: a\n    command: [\"pytest\", \"-q\"]\n").oneShot());
    assertTrue(
        life("s", "services:\n  s:\n    image: a\n    entrypoint: /opt/seed-data.sh\n").oneShot());
    assertTrue(
        life("x", "services:\n  x:\n    image: a\n    command: sh -c 'sleep 3; exit 0'\n")
            .oneShot());
    assertTrue(life("sut", "services:\n  sut:\n    image: a\n").oneShot());
    assertTrue(life("init", "services:\n  init:\n    image: a\n    profiles: [tools]\n").oneShot());
    assertTrue(
        life(
                "w",
                "services:\n  w:\n    image: a\n  u:\n    image: b\n    depends_on:\n      w:\n"
                    + "        condition: service_completed_successfully\n")
            .strong());
  }

  @Test
  void aNameAloneIsDoubtfulAndServersKeepRunning() throws Exception {
    assertTrue(life("seed", "services:\n  seed:\n    image: a\n").doubtful());
    assertTrue(
        life(
                "web",
                "services:\n  web:\n    image: a\n    command: sh -c \"python manage.py migrate &&"
                    + " gunicorn app.wsgi\"\n")
            .longRunning());
    assertTrue(life("web", "services:\n  web:\n    image: nginx\n").longRunning());
    assertFalse(
        life(
                "db",
                "services:\n  db:\n    image: postgres\n    command: postgres -c max_connections=200\n")
            .oneShot());
  }

  @Test
  void purposeFromNameDirectoryAndConfiguration() throws Exception {
    assertFalse(Purpose.of("docker-compose.dev.yml", null, null).production());
    assertFalse(Purpose.of("app/tests/compose.yaml", null, null).production());
    assertFalse(Purpose.of("ci/docker-compose.yml", null, null).production());
    assertTrue(Purpose.of("examples/nextcloud/docker-compose.yml", null, null).production());
    assertTrue(Purpose.of("docker-compose.prod.yml", null, null).production());
    assertTrue(Purpose.of("latest/compose.yaml", null, null).production());
    Path dir = Path.of("/tmp/lifecycle-test");
    Config c =
        Config.parse(
            "purpose:\n  \"ci/**\": production\n  compose.yaml: development\n",
            dir.resolve(".composefix.yaml"),
            Registry.ids());
    assertTrue(
        Purpose.of("ci/docker-compose.yml", dir.resolve("ci/docker-compose.yml"), c).production());
    assertFalse(Purpose.of("compose.yaml", dir.resolve("compose.yaml"), c).production());
  }

  @Test
  void purposeReadsOnlyTheProjectsOwnDirectories(@TempDir Path tmp) throws Exception {
    // a checkout under a machine directory named ci/: only the path below the repository counts
    Path repo = Files.createDirectories(tmp.resolve("ci/checkout"));
    Files.createDirectories(repo.resolve(".git"));
    Path prod = Files.createDirectories(repo.resolve("deploy")).resolve("compose.yaml");
    Path test = Files.createDirectories(repo.resolve("tests")).resolve("compose.yaml");
    assertTrue(Purpose.of(prod.toString(), prod, null).production());
    assertFalse(Purpose.of(test.toString(), test, null).production());
    // without a repository, an absolute name loses the directories it shares with the current one
    // (CI clones the repository into a directory named ci/, beside the corpus)
    Path parent = Path.of("").toAbsolutePath().getParent();
    assertTrue(
        Purpose.of(parent.resolve("sibling/compose.yaml").toString(), null, null).production());
    assertFalse(
        Purpose.of(parent.resolve("sibling/tests/compose.yaml").toString(), null, null)
            .production());
  }

  static FileResult run(String yaml, String config, boolean unsafe) throws Exception {
    Config c =
        config == null
            ? Config.NONE
            : Config.parse(config, Path.of("/tmp/x/.composefix.yaml"), Registry.ids());
    return new Engine(
            Registry.select(List.of("log-rotation", "restart-policy"), List.of()), unsafe, c)
        .run("compose.yaml", Path.of("/tmp/x/compose.yaml"), yaml);
  }

  @Test
  void aLogBlockIsSafeOnlyWhereTheProjectNamesItsDriver() throws Exception {
    String yaml = "services:\n  api:\n    image: a\n    restart: always\n";
    assertEquals(yaml, run(yaml, null, false).after());
    assertTrue(run(yaml, null, true).after().contains("driver: json-file"));
    String mine =
        run(yaml, "logging:\n  driver: local\n  max-size: 20m\n  max-file: 3\n", false).after();
    assertTrue(
        mine.contains("driver: local")
            && mine.contains("max-size: \"20m\"")
            && mine.contains("max-file: \"3\""),
        mine);
  }

  @Test
  void aDevelopmentFileGetsNoLifecycleFix() throws Exception {
    String yaml = "services:\n  api:\n    image: a\n";
    assertEquals(yaml, run(yaml, "purpose:\n  compose.yaml: development\n", true).after());
    assertTrue(run(yaml, null, true).after().contains("restart: unless-stopped"));
  }
}
