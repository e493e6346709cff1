package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.rules.ShellWords.Word;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.Style;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives services whose image is in knowledge/healthchecks.yaml the image's own healthcheck, so that
 * compose (and the services that wait for them) know when they are ready, not just started.
 */
public final class Healthcheck extends Check {
  static final String TABLE = "healthchecks";
  private static final Set<String> SHELLS =
      Set.of("sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env");

  public Healthcheck() {
    super(Skip.whenSetOrOneShot("healthcheck"));
  }

  /** What the table says about an image: an entry, or why the image cannot be judged. */
  record Match(Map<String, Object> entry, String undecided) {}

  /** The healthcheck table: the configuration's additions, then the shipped entries. */
  static List<Map<String, Object>> table(Config config) {
    return (config == null ? Config.NONE : config)
        .merged(TABLE, () -> Knowledge.entries(TABLE, "images"));
  }

  /**
   * The first table entry for the service's image (the configuration's entries before the shipped
   * ones), or null when the image is not in the table.
   */
  static Match lookup(Service s, Config config) {
    ImageRef ref = Images.ref(s);
    if (ref == null) {
      return null;
    }
    Environment env = Environment.of(s);
    for (Map<String, Object> e : table(config)) {
      if (!nameMatches(ref, e)) {
        continue;
      }
      if (e.get("tags") instanceof List<?> tags) {
        if (Images.tagUnknown(ref) || Images.tagHasVariable(s.image())) {
          return new Match(
              null, "its tag is set by a variable, and the check depends on the version");
        }
        String tag = ref.effectiveTag();
        if (tag == null || tags.stream().noneMatch(t -> Knowledge.glob(String.valueOf(t), tag))) {
          continue;
        }
      }
      if (!envMatches(env, e.get("when_env"), true)
          || !envMatches(env, e.get("unless_env"), false)) {
        continue;
      }
      return new Match(e, null);
    }
    return null;
  }

  private static boolean nameMatches(ImageRef ref, Map<String, Object> e) {
    if (e.get("images") instanceof List<?> l) {
      for (Object p : l) {
        String pat = String.valueOf(p);
        if (Knowledge.glob(pat.toLowerCase(Locale.ROOT), ref.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean envMatches(Environment env, Object cond, boolean want) {
    if (!(cond instanceof Map<?, ?> m)) {
      return true;
    }
    for (Map.Entry<?, ?> c : m.entrySet()) {
      Environment.Var v = env.get(String.valueOf(c.getKey()));
      String wanted = String.valueOf(c.getValue());
      // "*": set to any value that is not empty (as the image's entrypoint tests it, with -n)
      boolean set =
          v != null
              && v.value() != null
              && (wanted.equals("*")
                  ? !v.value().strip().isEmpty()
                  : v.value().strip().equalsIgnoreCase(wanted));
      if (set != want) {
        return false;
      }
    }
    return true;
  }

  /** True when the image's own Dockerfile defines a HEALTHCHECK (the table records it). */
  static boolean imageHasHealthcheck(Service s, Config config) {
    Match m = lookup(s, config);
    return m != null
        && m.entry() != null
        && Boolean.TRUE.equals(m.entry().get("image_healthcheck"));
  }

  /**
   * True when the service has a healthcheck that is not turned off: its own, or its image's (the
   * configuration's healthcheck entries first).
   */
  static boolean hasOwnCheck(Service s, Config config) {
    YNode hc = s.get("healthcheck");
    if (hc == null) {
      return imageHasHealthcheck(s, config);
    }
    if (!(hc instanceof YNode.Mapping m)) {
      return false;
    }
    YNode dis = m.get("disable");
    if (dis instanceof YNode.Scalar sc && sc.value.equalsIgnoreCase("true")) {
      return false;
    }
    YNode test = m.get("test");
    if (test instanceof YNode.Scalar sc && sc.value.equals("NONE")) {
      return false;
    }
    if (test instanceof YNode.Sequence q
        && !q.items.isEmpty()
        && "NONE".equals(Fixes.text(q.items.get(0)))) {
      return false;
    }
    return test != null || imageHasHealthcheck(s, config);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    Match m = lookup(s, ctx.config());
    if (m == null || Lifecycles.skip(ctx, s, "a healthcheck")) {
      return;
    }
    String where = "service '" + s.name + "'";
    if (m.undecided() != null) {
      ctx.report(
          s.get("image"),
          s,
          where + " has no healthcheck, and none is added: " + m.undecided() + "; add one by hand");
      return;
    }
    Map<String, Object> e = m.entry();
    if (Boolean.TRUE.equals(e.get("image_healthcheck")) || e.get("skip") != null) {
      return;
    }
    Built b = build(s, e);
    if (b.why != null) {
      ctx.report(
          s.get("image"),
          s,
          where + " has no healthcheck, and none is added: " + b.why + "; add one by hand");
      return;
    }
    String msg =
        where
            + " has no healthcheck, so compose cannot tell when it is ready; add the image's own"
            + " check ("
            + b.summary
            + ")";
    Fixes.addKey(
        ctx,
        s,
        msg,
        "Add the image's healthcheck (" + b.summary + ")",
        "healthcheck",
        value(b.test, e, ctx.patch().style()));
  }

  /** A check: the test's words (first "CMD" or "CMD-SHELL"), or why none can be written. */
  record Built(List<String> test, String summary, String why) {
    static Built no(String why) {
      return new Built(null, null, why);
    }

    static Built of(List<String> test) {
      return new Built(test, String.join(" ", test.subList(1, test.size())), null);
    }
  }

  static Built build(Service s, Map<String, Object> e) {
    if (e.get("test") instanceof List<?> t) {
      Command cmd = command(s);
      if (cmd == null || (!cmd.shell() && changesPort(cmd.words()))) {
        return Built.no("its command may move the server off the port or address the check uses");
      }
      List<String> words = new ArrayList<>();
      t.forEach(w -> words.add(String.valueOf(w)));
      return Built.of(words);
    }
    String check = String.valueOf(e.get("check"));
    if (s.has("entrypoint")) {
      return Built.no(
          "its entrypoint is replaced, so the image's tools and defaults may not apply");
    }
    return switch (check) {
      case "postgres" -> postgres(s);
      case "redis" -> redis(s, String.valueOf(e.getOrDefault("cli", "redis-cli")));
      default -> Built.no("the table names an unknown check '" + check + "'");
    };
  }

  /** The service's command as words, and whether they are a shell script's words (sh -c "..."). */
  record Command(List<Word> words, boolean shell) {}

  static Command command(Service s) {
    YNode c = s.get("command");
    List<Word> words;
    if (c == null || c instanceof YNode.Scalar sc && sc.isNull()) {
      return new Command(List.of(), false);
    } else if (c instanceof YNode.Scalar sc) {
      words = ShellWords.shlex(sc.value);
    } else if (c instanceof YNode.Sequence q) {
      words = new ArrayList<>();
      for (YNode i : q.items) {
        String t = Fixes.text(i);
        if (t == null) {
          return null;
        }
        words.add(new Word(t, t));
      }
    } else {
      return null;
    }
    if (words == null) {
      return null;
    }
    if (words.size() >= 3
        && SHELLS.contains(words.get(0).value())
        && words.get(1).value().equals("-c")) {
      List<Word> script = ShellWords.shlex(words.get(2).value());
      return script == null ? null : new Command(script, true);
    }
    return new Command(words, false);
  }

  /**
   * True when the command may move the server off the port, address, socket or plain connection the
   * check uses.
   */
  static boolean changesPort(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i).value().toLowerCase(Locale.ROOT);
      if (w.equals("-p")
          || w.equals("-k")
          || w.contains("port")
          || w.contains("socket")
          || w.contains("tls")
          || w.contains("ssl")
          || w.startsWith("--bind_ip") && !w.equals("--bind_ip_all")) {
        return true;
      }
      if (w.equals("--bind") || w.startsWith("--bind=") || w.startsWith("--bind-address")) {
        String a =
            w.contains("=")
                ? w.substring(w.indexOf('=') + 1)
                : i + 1 < words.size() ? words.get(i + 1).value() : "";
        if (!(a.contains("127.0.0.1")
            || a.contains("0.0.0.0")
            || a.contains("*")
            || a.contains("::"))) {
          return true;
        }
      }
    }
    return false;
  }

  static Built postgres(Service s) {
    Command cmd = command(s);
    if (cmd == null || cmd.shell()) {
      return Built.no("its command is a script, so the server's settings cannot be read");
    }
    if (changesPort(cmd.words())
        || cmd.words().stream().anyMatch(w -> w.value().contains("listen_addresses"))) {
      return Built.no("its command sets the port or the addresses it listens on");
    }
    Environment env = Environment.of(s);
    // over TCP to 127.0.0.1: the temporary server the entrypoint runs while it initialises a new
    // data directory listens on the socket only, so it does not count as ready
    if (env.has("POSTGRES_USER_FILE") || env.has("POSTGRES_DB_FILE")) {
      // the names are in files only the container can read: let the check read them there
      return Built.of(
          List.of(
              "CMD-SHELL",
              env.has("POSTGRES_USER_FILE")
                  ? "pg_isready -h 127.0.0.1 -U \"$$(cat \"$$POSTGRES_USER_FILE\")\""
                  : "pg_isready -h 127.0.0.1 -U \"$${POSTGRES_USER:-postgres}\""));
    }
    String user = env.known("POSTGRES_USER", "");
    String db = env.known("POSTGRES_DB", "");
    if (user == null || db == null) {
      // set outside the file (env_file, the shell): the container's own variables say it exactly
      return Built.of(
          List.of(
              "CMD-SHELL",
              "pg_isready -h 127.0.0.1 -U \"$${POSTGRES_USER:-postgres}\" -d \"$${POSTGRES_DB:-$${POSTGRES_USER:-postgres}}\""));
    }
    List<String> t =
        new ArrayList<>(
            List.of(
                "CMD", "pg_isready", "-h", "127.0.0.1", "-U", user.isEmpty() ? "postgres" : user));
    if (!db.isEmpty()) {
      t.add("-d");
      t.add(db);
    }
    return Built.of(t);
  }

  static Built redis(Service s, String cli) {
    Environment env = Environment.of(s);
    if (env.has("REDIS_ARGS")) {
      return Built.no("REDIS_ARGS passes settings the check would have to repeat");
    }
    Command cmd = command(s);
    if (cmd == null) {
      return Built.no("its command cannot be read");
    }
    List<Word> w = cmd.words();
    String password = null;
    String rawPassword = null;
    for (int i = 0; i < w.size(); i++) {
      String v = w.get(i).value();
      if (v.endsWith(".conf")) {
        return Built.no(
            "it reads a configuration file (" + v + ") that may set a password or a port");
      }
      if (v.equals("--user") || v.equals("--aclfile") || v.startsWith("--tls")) {
        return Built.no("it uses ACL users or TLS, which the check would need credentials for");
      }
      if (v.equals("--requirepass")) {
        if (i + 1 >= w.size()) {
          return Built.no("its --requirepass has no value");
        }
        password = w.get(i + 1).value();
        rawPassword = w.get(i + 1).raw();
      }
    }
    if (changesPort(w)) {
      return Built.no("its command sets the port or the addresses it listens on");
    }
    // the CLI exits 0 on an error reply (NOAUTH, LOADING), so only PONG counts:
    // https://github.com/redis/redis/issues/5458
    if (password == null) {
      return Built.of(List.of("CMD-SHELL", cli + " ping | grep -q PONG"));
    }
    // -a works in every version of the three CLIs (--no-auth-warning and the *CLI_AUTH variables do
    // not)
    if (cmd.shell()) {
      // the password is shell text (quotes and variables) evaluated in the container: evaluate it
      // the same way
      return Built.of(List.of("CMD-SHELL", cli + " -a " + rawPassword + " ping | grep -q PONG"));
    }
    if (password.indexOf('\'') >= 0) {
      return Built.no("its password has a quote the check's shell line would have to escape");
    }
    return Built.of(List.of("CMD-SHELL", cli + " -a '" + password + "' ping | grep -q PONG"));
  }

  /** The healthcheck mapping: test in flow style, then the timing parameters. */
  static Map<String, Object> value(List<String> test, Map<String, Object> e, Style st) {
    Map<String, Object> v = new LinkedHashMap<>();
    StringBuilder b = new StringBuilder("[");
    final char pref = st.quote();
    final char other = pref == '"' ? '\'' : '"';
    char q =
        test.stream().anyMatch(w -> w.indexOf(pref) >= 0)
                && test.stream().noneMatch(w -> w.indexOf(other) >= 0)
            ? other
            : pref;
    for (String w : test) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(Render.quote(w, q));
    }
    v.put("test", new Render.Raw(b.append(']').toString()));
    Map<?, ?> d =
        Knowledge.load(TABLE) instanceof Map<?, ?> root
                && root.get("defaults") instanceof Map<?, ?> dm
            ? dm
            : Map.of();
    for (String k : List.of("interval", "timeout", "retries", "start_period")) {
      Object val = e.containsKey(k) ? e.get(k) : d.get(k);
      if (val != null) {
        v.put(k, val instanceof Number ? val : String.valueOf(val));
      }
    }
    return v;
  }
}
