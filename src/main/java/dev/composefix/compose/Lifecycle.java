package dev.composefix.compose;

import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a service is meant to do over time: keep running (the default), run once and exit (a
 * one-shot job: a migration, a test suite, a setup script), or doubtful (only weak signs of a job,
 * such as its name). Rules that keep a service running or sized for the long run (restart policy,
 * stop grace period, healthcheck, reservations) fix only long-running services; a doubtful one gets
 * a finding that says why.
 *
 * <p>Compose's own docs name {@code service_completed_successfully} as the way to wait for such a
 * job: https://docs.docker.com/compose/how-tos/startup-order/
 */
public record Lifecycle(Kind kind, boolean strong, String reason) {
  /** The three answers. */
  public enum Kind {
    LONG_RUNNING,
    ONE_SHOT,
    DOUBTFUL
  }

  static final Lifecycle LONG = new Lifecycle(Kind.LONG_RUNNING, false, null);

  public boolean longRunning() {
    return kind == Kind.LONG_RUNNING;
  }

  public boolean oneShot() {
    return kind == Kind.ONE_SHOT;
  }

  public boolean doubtful() {
    return kind == Kind.DOUBTFUL;
  }

  /** Names that suggest a job that runs once. */
  static final Set<String> JOB_WORDS =
      Set.of(
          "setup",
          "init",
          "initialize",
          "initializer",
          "migrate",
          "migration",
          "migrations",
          "migrator",
          "seed",
          "seeder",
          "seeding",
          "createbuckets",
          "create-buckets",
          "bootstrap",
          "provision",
          "provisioner",
          "installer",
          "install",
          "certs",
          "keygen",
          "generate",
          "test",
          "tests",
          "e2e",
          "cypress",
          "sut",
          "job",
          "oneshot",
          "one-shot",
          "prepare",
          "fixtures",
          "loaddata");

  /**
   * Profile names that name a job. Test profiles (test, e2e, playwright) are not among them: they
   * hold the databases and servers a test suite runs against too.
   */
  static final Set<String> PROFILE_JOB_WORDS =
      Set.of(
          "setup",
          "init",
          "initialize",
          "migrate",
          "migration",
          "migrations",
          "seed",
          "seeding",
          "bootstrap",
          "provision",
          "install",
          "installer",
          "createbuckets",
          "keygen",
          "genkeys",
          "certs",
          "oneshot",
          "one-shot",
          "jobs",
          "job");

  /** Shell words and scripts that run a migration, a test suite, or a setup or seed script. */
  private static final Pattern JOB_COMMAND =
      Pattern.compile(
          "(?i)(?:^|[\\s/;&|'\"(])(?:"
              // migrations
              + "(?:manage\\.py|artisan|rails|rake|bin/rails|flask|alembic|flyway|knex|sequelize|prisma|typeorm|"
              + "goose|dbmate|liquibase|diesel|sqlx|ecto|mix|yarn|npm|pnpm|bundle\\s+exec\\s+rake|python\\s+-m\\s+\\S+)"
              + "\\s+(?:[\\w:.-]+\\s+)*?(?:db:)?migrat\\w*"
              + "|migrate(?:\\.sh)?\\s+(?:up|-path|-database|--path)"
              + "|db:(?:migrate|seed|setup|create)"
              + "|alembic\\s+upgrade|flyway\\s+\\S*\\s*migrate|liquibase\\s+update"
              // test suites
              + "|pytest|py\\.test|tox|phpunit|rspec|jest|mocha|vitest|cypress\\s+run|playwright\\s+test|newman\\s+run"
              + "|go\\s+test|mvn\\s+(?:\\S+\\s+)*(?:test|verify)|gradlew?\\s+(?:\\S+\\s+)*test|cargo\\s+test"
              + "|(?:npm|yarn|pnpm)\\s+(?:run\\s+)?test(?::\\S+)?|python\\s+-m\\s+(?:pytest|unittest)"
              + "|bats\\s|k6\\s+run|dotnet\\s+test"
              // setup and seed scripts
              + "|[\\w./-]*(?:setup|seed|init|bootstrap|provision|create[-_]?buckets?|migrate)[\\w-]*\\.(?:sh|py|js|rb|php)"
              + "|mc\\s+mb\\s|mc\\s+(?:alias|config\\s+host)\\s+\\S+"
              + ")(?=$|[\\s;&|'\")])");

  /** A command whose last statement is {@code exit} (with or without a status). */
  private static final Pattern ENDS_IN_EXIT =
      Pattern.compile("(?s).*(?:^|[;&|\\n]|&&|\\|\\|)\\s*exit(?:\\s+\\$?\\w+)?[\\s;'\"]*$");

  /** A command that does nothing and exits. */
  private static final Pattern TRUE =
      Pattern.compile(
          "(?:/usr)?(?:/bin/)?true|(?:/bin/)?sh\\s+-c\\s+['\"]?(?:/bin/)?true['\"]?|exit\\s+0");

  /** Images whose default command runs a test suite and exits. */
  private static final List<String> TEST_IMAGES =
      List.of("cypress/included", "postman/newman", "grafana/k6", "loadimpact/k6");

  /**
   * Judges one service, read through its merged view; {@code completedBy} names a service that
   * waits for it to complete.
   */
  static Lifecycle of(Service s, String completedBy) {
    if (completedBy != null) {
      return new Lifecycle(
          Kind.ONE_SHOT,
          true,
          "'"
              + completedBy
              + "' waits for it with"
              + " `condition: service_completed_successfully`");
    }
    if (s.own == null) {
      return LONG;
    }
    String cmd = commandText(s);
    String name = s.name.toLowerCase(Locale.ROOT);
    List<String> words = words(name);
    boolean jobName = words.stream().anyMatch(JOB_WORDS::contains);
    String restart = s.text("restart");
    boolean noRestart = "no".equals(restart) || "\"no\"".equals(restart) || "false".equals(restart);
    if (cmd != null) {
      String c = cmd.strip();
      if (TRUE.matcher(c).matches()) {
        return new Lifecycle(
            Kind.ONE_SHOT, true, "its command (`" + brief(c) + "`) does nothing and exits");
      }
      if (ENDS_IN_EXIT.matcher(c).matches()) {
        return new Lifecycle(Kind.ONE_SHOT, true, "its command ends in `exit`");
      }
      if (JOB_COMMAND.matcher(last(c)).find()) {
        return new Lifecycle(
            Kind.ONE_SHOT,
            true,
            "its command (`"
                + brief(c)
                + "`) runs a migration, a test"
                + " suite or a setup script and exits");
      }
    }
    String image = s.image();
    if (image != null && cmd == null) {
      String im = image.toLowerCase(Locale.ROOT);
      for (String t : TEST_IMAGES) {
        if (im.startsWith(t + ":") || im.equals(t) || im.startsWith(t + "@")) {
          return new Lifecycle(
              Kind.ONE_SHOT, true, "its image (" + t + ") runs a test suite and exits");
        }
      }
    }
    if (name.equals("sut")) {
      return new Lifecycle(
          Kind.ONE_SHOT,
          true,
          "'sut' is the name of a test runner (Docker Hub's automated"
              + " tests run the service named sut: https://docs.docker.com/docker-hub/repos/manage/builds/automated-testing/)");
    }
    String jobProfile = jobProfile(s);
    if (jobProfile != null) {
      return new Lifecycle(
          Kind.ONE_SHOT,
          true,
          "it runs only in the profile '" + jobProfile + "', which names a job");
    }
    if (jobName && s.has("profiles")) {
      return new Lifecycle(
          Kind.ONE_SHOT,
          true,
          "its name ('" + s.name + "') names a job and it runs only in a profile");
    }
    if (noRestart) {
      // restart "no" written by the user: not meant to be kept running
      return new Lifecycle(Kind.ONE_SHOT, jobName, "it says `restart: \"no\"`");
    }
    if (jobName) {
      return new Lifecycle(
          Kind.DOUBTFUL,
          false,
          "its name ('"
              + s.name
              + "') suggests a job that runs once,"
              + " but nothing else says so");
    }
    return LONG;
  }

  /**
   * The command's last statement (after the last {@code &&}, {@code ;}, {@code ||} or line break):
   * a migration followed by a server ({@code migrate && runserver}) is a long-running service.
   */
  static String last(String c) {
    String t = c.strip();
    while (!t.isEmpty() && (t.endsWith("\"") || t.endsWith("'") || t.endsWith(";"))) {
      t = t.substring(0, t.length() - 1).strip();
    }
    int at = -1;
    for (String sep : List.of("&&", "||", ";", "\n", " & ")) {
      int i = t.lastIndexOf(sep);
      if (i >= 0) {
        at = Math.max(at, i + sep.length());
      }
    }
    return " " + (at < 0 ? t : t.substring(at)).strip();
  }

  /**
   * The first of the service's profiles whose name names a job (setup, init, migrate, ...), or
   * null.
   */
  private static String jobProfile(Service s) {
    if (s.get("profiles") instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        if (i.resolve() instanceof YNode.Scalar sc
            && !sc.isNull()
            && words(sc.value.toLowerCase(Locale.ROOT)).stream()
                .anyMatch(PROFILE_JOB_WORDS::contains)) {
          return sc.value;
        }
      }
    }
    return null;
  }

  private static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    out.add(name);
    for (String w : name.split("[-_.]")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static String brief(String c) {
    String one = c.replaceAll("\\s+", " ");
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }

  /** The command and entrypoint as one text (entrypoint first), or null when neither is set. */
  static String commandText(Service s) {
    String e = text(s.get("entrypoint"));
    String c = text(s.get("command"));
    if (e == null && c == null) {
      return null;
    }
    return e == null ? c : c == null ? e : e + " " + c;
  }

  private static String text(YNode n) {
    if (n instanceof YNode.Scalar sc && !sc.isNull()) {
      return sc.value;
    }
    if (n instanceof YNode.Sequence q && !q.items.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (YNode i : q.items) {
        if (i.resolve() instanceof YNode.Scalar sc && !sc.isNull()) {
          if (b.length() > 0) {
            b.append(' ');
          }
          b.append(sc.value);
        }
      }
      return b.length() == 0 ? null : b.toString();
    }
    return null;
  }
}
