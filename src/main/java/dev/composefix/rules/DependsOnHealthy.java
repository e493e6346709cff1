package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes services wait for dependencies that have a healthcheck with {@code condition:
 * service_healthy}, instead of starting as soon as the dependency's container is created.
 */
public final class DependsOnHealthy extends BaseRule {
  static final String HEALTHY = "service_healthy";

  public DependsOnHealthy() {
    super("depends-on-healthy", "a dependency with a healthcheck is waited for with `condition: service_healthy`", Applicability.SAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      List<String> healthy = new ArrayList<>();
      for (Map.Entry<String, String> d : s.dependsOn().entrySet()) {
        Service dep = ctx.file().service(d.getKey());
        if (dep == null || dep == s || !Healthcheck.hasOwnCheck(dep, ctx.config())) {
          continue;
        }
        if (d.getValue() == null) {
          healthy.add(d.getKey());
        } else if (d.getValue().equals(DependsOn.STARTED) && s.get("depends_on") instanceof YNode.Mapping m
            && m.lookup(d.getKey()) instanceof YNode.Mapping c) {
          // at the service's own entry when its condition comes from a merged anchor
          ctx.report(c.entry("condition") != null ? c.get("condition") : c, s, "service '" + s.name + "' waits for '" + d.getKey() + "' only until it"
              + " has started, though '" + d.getKey() + "' has a healthcheck; the condition is kept as written:"
              + " change it to `" + HEALTHY + "` unless starting early is intended");
        }
      }
      if (healthy.isEmpty()) {
        return;
      }
      String msg = "service '" + s.name + "' starts as soon as " + names(healthy) + " started, not when "
          + (healthy.size() == 1 ? "it is" : "they are") + " ready; wait with `condition: " + HEALTHY + "`";
      YNode at = s.get("depends_on");
      if (s.partial()) {
        ctx.report(at, s, msg + " (in the file that defines the service: this one only completes it)");
        return;
      }
      List<Edit> edits = require(ctx, s, healthy);
      if (edits != null && edits.isEmpty()) {
        return;
      }
      ctx.fix(at, s, msg, edits == null ? new Edit[] {null} : edits.toArray(new Edit[0]));
  }

  private static String names(List<String> l) {
    return l.size() == 1 ? "'" + l.get(0) + "'" : "'" + String.join("', '", l) + "'";
  }

  private static final Pattern STARTED_LINE = Pattern.compile("condition: " + DependsOn.STARTED);

  /**
   * The edits for every healthy dependency at once. DependsOn.require converts a short list to the
   * map form for one target and writes {@code service_started} for the others, which would then
   * read as the user's choice; so the conversion's lines for the other healthy targets get
   * {@code service_healthy} too. A map form takes one target at a time, each its own edit.
   */
  private static List<Edit> require(RuleContext ctx, Service s, List<String> healthy) {
    YNode d = s.get("depends_on");
    if (d instanceof YNode.Mapping) {
      List<Edit> out = new ArrayList<>();
      for (String t : healthy) {
        List<Edit> e = DependsOn.require(ctx.patch(), s, t, HEALTHY);
        if (e == null) {
          return null;
        }
        out.addAll(e);
      }
      return out;
    }
    List<Edit> e = DependsOn.require(ctx.patch(), s, healthy.get(0), HEALTHY);
    if (e == null || healthy.size() == 1 || !(d instanceof YNode.Sequence q)) {
      return e;
    }
    List<Edit> out = new ArrayList<>();
    if (q.flow) {
      // one edit: the whole map, rendered; `name:` is followed by its condition line
      for (Edit x : e) {
        String text = x.text();
        for (String t : healthy) {
          Matcher m = Pattern.compile("(?m)^(\\s*)" + Pattern.quote(t) + ":(\\r?\\n\\s*)condition: "
              + DependsOn.STARTED).matcher(text);
          text = m.replaceFirst(Matcher.quoteReplacement("") + "$1" + Matcher.quoteReplacement(t) + ":$2condition: "
              + HEALTHY);
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
      } else if (pending != null && STARTED_LINE.matcher(text).find() && healthy.contains(pending)) {
        text = STARTED_LINE.matcher(text).replaceFirst("condition: " + HEALTHY);
        pending = null;
      }
      out.add(new Edit(x.start(), x.end(), text, x.target(), x.route(), x.hoist()));
    }
    return out;
  }
}
