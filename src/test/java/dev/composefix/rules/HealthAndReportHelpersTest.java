package dev.composefix.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsing helpers behind healthcheck and the report-only rules (issue 5, part A). */
class HealthAndReportHelpersTest {

  @Test
  void commandWordsKeepTheirRawText() {
    List<ShellWords.Word> w =
        ShellWords.shlex("redis-server --requirepass \"$${PW:-a b}\" --save ''");
    assertEquals(5, w.size());
    assertEquals("\"$${PW:-a b}\"", w.get(2).raw());
    assertEquals("$${PW:-a b}", w.get(2).value());
    assertEquals("", w.get(4).value());
    assertNull(ShellWords.shlex("echo \"unbalanced"));
  }

  @Test
  void portAndAddressOptionsAreNoticed() {
    assertTrue(Healthcheck.changesPort(ShellWords.shlex("postgres -c port=5433")));
    assertTrue(Healthcheck.changesPort(ShellWords.shlex("redis-server --bind 10.0.0.5")));
    assertFalse(
        Healthcheck.changesPort(ShellWords.shlex("redis-server --bind 0.0.0.0 --save 60 1")));
    assertFalse(
        Healthcheck.changesPort(ShellWords.shlex("--transaction-isolation=READ-COMMITTED")));
  }

  @Test
  void variablesInImagesAndPorts() {
    assertEquals("nginx:latest", Images.withDefaults("nginx:${TAG:-latest}"));
    assertEquals("a:" + Images.UNKNOWN, Images.withDefaults("a:${TAG}"));
    assertEquals("a$b", Images.withDefaults("a$$b"));
    assertTrue(Images.tagHasVariable("mariadb:${V:-11}"));
    assertTrue(Images.tagHasVariable("${IMAGE}"));
    assertFalse(Images.tagHasVariable("${REG:-docker.io}/mariadb:11"));
    assertEquals(10, Images.major("10.6.4-focal"));
    assertEquals(-1, Images.major("latest"));
  }

  @Test
  void publishedPorts() {
    assertNull(ExposedDatabasePort.parseShort("5432:5432").hostIp());
    assertEquals("127.0.0.1", ExposedDatabasePort.parseShort("127.0.0.1:5432:5432/tcp").hostIp());
    assertEquals("::1", ExposedDatabasePort.parseShort("[::1]:5432:5432").hostIp());
    assertEquals("5432", ExposedDatabasePort.parseShort("${P:-15432}:5432").container());
    assertEquals("27017", ExposedDatabasePort.parseShort("27017").container());
    assertEquals(6379, ExposedDatabasePort.port("6379-6380"));
  }

  @Test
  void secretNamesAndValues() {
    assertTrue(SecretInEnvironment.secretName("POSTGRES_PASSWORD"));
    assertTrue(SecretInEnvironment.secretName("API_KEY"));
    assertFalse(SecretInEnvironment.secretName("POSTGRES_PASSWORD_FILE"));
    assertFalse(SecretInEnvironment.secretName("SSH_PUBLIC_KEY"));
    assertFalse(SecretInEnvironment.secretName("MYSQL_ALLOW_EMPTY_PASSWORD"));
    assertFalse(SecretInEnvironment.secretValue("${DB_PASSWORD}"));
    assertFalse(SecretInEnvironment.secretValue("yes"));
    assertTrue(SecretInEnvironment.secretValue("hunter2"));
  }

  @Test
  void dockerSocketSources() {
    assertEquals(
        "/var/run/docker.sock",
        DockerSocket.shortSource("/var/run/docker.sock:/var/run/docker.sock:ro"));
    assertTrue(DockerSocket.isSocket("/run/docker.sock"));
    assertFalse(DockerSocket.isSocket("./data"));
    assertNull(DockerSocket.shortSource("/data"));
  }
}
