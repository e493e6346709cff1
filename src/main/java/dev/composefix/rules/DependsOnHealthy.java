package dev.composefix.rules;

import dev.composefix.compose.Lifecycle;
import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes services wait for dependencies that have a healthcheck with {@code condition:
 * service_healthy}, instead of starting as soon as the dependency's container is created.
 */
public final class DependsOnHealthy extends Check {
  static final String HEALTHY = "service_healthy";
  static final String COMPLETED = "service_completed_successfully";

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    List<String> healthy = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    for (Map.Entry<String, String> d : s.dependsOn().entrySet()) {
      Service dep = ctx.file().service(d.getKey());
      if (dep == null || dep == s) {
        continue;
      }
      boolean checked = Healthcheck.hasOwnCheck(dep, ctx.config());
      if (d.getValue() == null) {
        // a one-shot job is waited for until it has exited successfully, as compose's docs
        // recommend
        Lifecycle life = ctx.file().lifecycle(dep.name);
        if (life.oneShot() && life.strong() && !keepsRestarting(dep)) {
          completed.add(d.getKey());
          continue;
        }
        if (life.doubtful() && !checked) {
          ctx.report(
              s.get("depends_on"),
              s,
              startsAsSoonAs(s, d.getKey())
                  + "; '"
                  + d.getKey()
                  + "' may be a one-shot job ("
                  + life.reason()
                  + "): if it is,"
                  + " wait for it with `condition: "
                  + COMPLETED
                  + "`"
                  + " (https://docs.docker.com/compose/how-tos/startup-order/); no condition is added on a guess");
          continue;
        }
      }
      if (!checked) {
        continue;
      }
      if (d.getValue() == null) {
        String unsure = unsureCheck(ctx, dep, s);
        if (unsure != null) {
          ctx.report(
              s.get("depends_on"),
              s,
              startsAsSoonAs(s, d.getKey())
                  + ", not when it is ready; no `condition: "
                  + HEALTHY
                  + "` is added: "
                  + unsure
                  + ", so waiting for it could keep '"
                  + s.name
                  + "' from ever starting (a cluster whose nodes turn"
                  + " healthy only once the service that joins them ran); add the condition by hand if '"
                  + d.getKey()
                  + "' turns healthy on its own");
          continue;
        }
        healthy.add(d.getKey());
      } else if (d.getValue().equals(DependsOn.STARTED)
          && s.get("depends_on") instanceof YNode.Mapping m
          && m.lookup(d.getKey()) instanceof YNode.Mapping c) {
        // at the service's own entry when its condition comes from a merged anchor
        YNode at = c.entry("condition") != null ? c.get("condition") : c;
        String unsure = unsureCheck(ctx, dep, s);
        if (unsure != null) {
          ctx.report(
              at,
              s,
              "service '"
                  + s.name
                  + "' waits for '"
                  + d.getKey()
                  + "' only until it has started;"
                  + " the condition is kept: "
                  + unsure
                  + ", so waiting for its health could keep '"
                  + s.name
                  + "' from ever starting");
          continue;
        }
        ctx.report(
            c.entry("condition") != null ? c.get("condition") : c,
            s,
            "service '"
                + s.name
                + "' waits for '"
                + d.getKey()
                + "' only until it"
                + " has started, though '"
                + d.getKey()
                + "' has a healthcheck; the condition is kept as written:"
                + " change it to `"
                + HEALTHY
                + "` unless starting early is intended");
      }
    }
    if (healthy.isEmpty() && completed.isEmpty()) {
      return;
    }
    String msg = "";
    if (!healthy.isEmpty()) {
      msg =
          "service '"
              + s.name
              + "' starts as soon as "
              + names(healthy)
              + " started, not when "
              + (healthy.size() == 1 ? "it is" : "they are")
              + " ready; wait with `condition: "
              + HEALTHY
              + "`";
    }
    if (!completed.isEmpty()) {
      msg +=
          (msg.isEmpty() ? "service '" + s.name + "' starts" : "; it also starts")
              + " as soon as "
              + names(completed)
              + " started, though "
              + (completed.size() == 1
                  ? "it is a one-shot job (" + ctx.file().lifecycle(completed.get(0)).reason() + ")"
                  : "they are one-shot jobs")
              + "; wait until "
              + (completed.size() == 1 ? "it has" : "they have")
              + " finished with `condition: "
              + COMPLETED
              + "` (https://docs.docker.com/compose/how-tos/startup-order/)";
    }
    YNode at = s.get("depends_on");
    if (s.partial()) {
      ctx.report(at, s, msg + Fixes.PARTIAL);
      return;
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String d : s.dependsOn().keySet()) {
      if (healthy.contains(d)) {
        wanted.put(d, HEALTHY);
      } else if (completed.contains(d)) {
        wanted.put(d, COMPLETED);
      }
    }
    List<Patch> edits = require(ctx, s, wanted);
    if (edits.isEmpty()) {
      return;
    }
    List<String> waits = new ArrayList<>();
    wanted.forEach((d, c) -> waits.add(d + ": " + c));
    ctx.fix(
        at,
        s,
        msg,
        "Wait in `depends_on` for " + String.join(", ", waits),
        edits.toArray(new Patch[0]));
  }

  /**
   * Words of a healthcheck that ask about more than the service itself: the state of a cluster or
   * its peers.
   */
  /** A host a check talks to: a URL's, or the value of -h, --host or -host. */
  private static final Pattern HOST =
      Pattern.compile(
          "(?i)(?:https?://|(?<![\\w-])-h\\s+|--host[=\\s]+|(?<![\\w-])-host[=\\s]+)([^\\s:/'\"]+)");

  private static final Pattern CLUSTER_WORDS =
      Pattern.compile(
          "(?i)cluster|sentinel|replica|galera|wsrep|rs\\.status|quorum|leader|peers|members");

  /** Hosts that are the container itself. */
  private static final Pattern LOCAL =
      Pattern.compile("(?i)localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|::1|\\[::1\\]");

  /** A script file the check runs, whose content the compose file does not show. */
  private static final Pattern SCRIPT = Pattern.compile("(?i)\\S+\\.(sh|bash|py|js|rb|php|pl)");

  /**
   * Null when waiting for {@code dep}'s health cannot wait for the waiting service itself: its
   * check is the image's own (the table says the Dockerfile has one), the one composefix's table
   * gives the image, or one that asks only about the dependency itself (no cluster state, no script
   * whose content is unseen, no host but the container itself or services that do not wait for
   * {@code waiter}). Otherwise why it may.
   */
  static String unsureCheck(RuleContext ctx, Service dep, Service waiter) {
    if (!(dep.get("healthcheck") instanceof YNode.Mapping hc)) {
      return null; // the image's own HEALTHCHECK, from the table
    }
    List<String> test = testWords(hc.get("test"));
    if (test == null) {
      return "the healthcheck of '" + dep.name + "' cannot be read";
    }
    Healthcheck.Match m = Healthcheck.lookup(dep, ctx.config());
    if (m != null
        && m.entry() != null
        && m.entry().get("skip") == null
        && !Boolean.TRUE.equals(m.entry().get("image_healthcheck"))) {
      Healthcheck.Built b = Healthcheck.build(dep, m.entry());
      if (b.test() != null && b.test().equals(test)) {
        return null; // the check composefix's table gives this image
      }
    }
    String text = String.join(" ", test.subList(Math.min(1, test.size()), test.size()));
    String why = "the healthcheck of '" + dep.name + "' is not one composefix knows, and it ";
    Environment env = Environment.of(dep);
    boolean single =
        env.get("discovery.type") != null
            && "single-node".equals(env.get("discovery.type").value());
    if (!single && CLUSTER_WORDS.matcher(text).find()) {
      return why + "asks about the state of a cluster or its peers";
    }
    Matcher script = SCRIPT.matcher(text);
    while (script.find()) {
      if (!script.group().contains("//")) {
        return why + "runs a script (" + script.group() + ") whose content the file does not show";
      }
    }
    for (String other : ctx.file().serviceNames()) {
      if (other.equals(dep.name)) {
        continue;
      }
      // the cheap tests first: the name in the text at all, then as a word, then the wait chain
      if (text.contains(other)
          && Pattern.compile("(?<![\\w.-])" + Pattern.quote(other) + "(?![\\w-])")
              .matcher(text)
              .find()
          && reaches(ctx, other, waiter.name, new HashSet<>())) {
        return why
            + "asks service '"
            + other
            + "'"
            + (other.equals(waiter.name) ? "" : ", which waits for '" + waiter.name + "'");
      }
    }
    Matcher host = HOST.matcher(text);
    while (host.find()) {
      String h = host.group(1);
      if (!LOCAL.matcher(h).matches() && !h.equals(dep.name) && ctx.file().service(h) == null) {
        // not a service of this file: it may be another name (alias, container_name) of the waiter
        return why + "talks to host '" + h + "'";
      }
    }
    return null;
  }

  /** Whether service {@code from} is {@code to} or waits for it, directly or through others. */
  private static boolean reaches(RuleContext ctx, String from, String to, Set<String> seen) {
    if (from.equals(to)) {
      return true;
    }
    Service f = ctx.file().service(from);
    if (f == null || !seen.add(from)) {
      return false;
    }
    for (String d : f.dependsOn().keySet()) {
      if (reaches(ctx, d, to, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The words of a healthcheck test: a list as written, or a string as CMD-SHELL; null if
   * unreadable.
   */
  private static List<String> testWords(YNode t) {
    if (t instanceof YNode.Scalar sc && !sc.isNull()) {
      return List.of("CMD-SHELL", sc.value);
    }
    if (!(t instanceof YNode.Sequence q)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (YNode i : q.items) {
      String w = Fixes.text(i);
      if (w == null) {
        return null;
      }
      out.add(w);
    }
    return out;
  }

  /**
   * Whether a job's own restart policy starts it again after it exits (then waiting for its
   * completion is wrong).
   */
  private static boolean keepsRestarting(Service dep) {
    String r = dep.text("restart");
    return r != null && (r.equals("always") || r.equals("unless-stopped"));
  }

  private static String names(List<String> l) {
    return l.size() == 1 ? "'" + l.get(0) + "'" : "'" + String.join("', '", l) + "'";
  }

  private static final Pattern STARTED_LINE = Pattern.compile("condition: " + DependsOn.STARTED);

  /**
   * The edits for every healthy dependency at once. DependsOn.require converts a short list to the
   * map form for one target and writes {@code service_started} for the others, which would then
   * read as the user's choice; so the conversion's lines for the other healthy targets get {@code
   * service_healthy} too. A map form takes one target at a time, each its own edit.
   */
  private static List<Patch> require(RuleContext ctx, Service s, Map<String, String> wanted) {
    List<String> healthy = new ArrayList<>(wanted.keySet());
    YNode d = s.get("depends_on");
    if (d instanceof YNode.Mapping) {
      List<Patch> out = new ArrayList<>();
      for (String t : healthy) {
        List<Patch> e = DependsOn.require(ctx.patch(), s, t, wanted.get(t));
        if (Patch.refusal(e) != null) {
          return e;
        }
        out.addAll(e);
      }
      return out;
    }
    List<Patch> first =
        DependsOn.require(ctx.patch(), s, healthy.get(0), wanted.get(healthy.get(0)));
    if (Patch.refusal(first) != null || healthy.size() == 1 || !(d instanceof YNode.Sequence q)) {
      return first;
    }
    List<Edit> e = Patch.edits(first);
    List<Patch> out = new ArrayList<>();
    if (q.flow) {
      // one edit: the whole map, rendered; `name:` is followed by its condition line
      for (Edit x : e) {
        String text = x.text();
        for (String t : healthy) {
          Matcher m =
              Pattern.compile(
                      "(?m)^(\\s*)"
                          + Pattern.quote(t)
                          + ":(\\r?\\n\\s*)condition: "
                          + DependsOn.STARTED)
                  .matcher(text);
          text =
              m.replaceFirst(
                  Matcher.quoteReplacement("")
                      + "$1"
                      + Matcher.quoteReplacement(t)
                      + ":$2condition: "
                      + wanted.get(t));
        }
        out.add(new Edit(x.start(), x.end(), text, x.target(), x.route(), x.hoist()));
      }
      return out;
    }
    // block list: per item, an edit for its `name:` line then one for its condition line
    String pending = null;
    for (Edit x : e) {
      String text = x.text();
      String strip = text.strip();
      if (strip.endsWith(":") && !strip.contains(" ")) {
        pending = strip.substring(0, strip.length() - 1);
      } else if (pending != null
          && STARTED_LINE.matcher(text).find()
          && healthy.contains(pending)) {
        text = STARTED_LINE.matcher(text).replaceFirst("condition: " + wanted.get(pending));
        pending = null;
      }
      out.add(new Edit(x.start(), x.end(), text, x.target(), x.route(), x.hoist()));
    }
    return out;
  }

  /** "service 'S' starts as soon as 'DEP' started": the start of a finding about a wait. */
  private static String startsAsSoonAs(Service s, String dep) {
    return "service '" + s.name + "' starts as soon as '" + dep + "' started";
  }
}
