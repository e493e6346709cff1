package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Render.Quoted;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Caps json-file and local logs at max-size 10m and max-file 5, so logs cannot fill the disk. */
public final class LogRotation extends BaseRule {
  static final String MAX_SIZE = "10m";
  static final String MAX_FILE = "5";

  static Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("max-size", new Quoted(MAX_SIZE));
    o.put("max-file", new Quoted(MAX_FILE));
    return o;
  }

  public LogRotation() {
    super("log-rotation", "json-file/local logging gets `max-size`/`max-file`", Applicability.SAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      YNode lg = s.get("logging");
      String where = "service '" + s.name + "'";
      if (lg == null || (lg instanceof YNode.Scalar sc && sc.isNull())) {
        String msg = where + " keeps logs without a size limit; add json-file logging with max-size \""
            + MAX_SIZE + "\" and max-file \"" + MAX_FILE + "\"";
        if (s.partial()) {
          ctx.report(s.key, s, msg + " (in the file that defines the service: this one only completes it)");
          return;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("driver", "json-file");
        v.put("options", options());
        ctx.fix(s.key, s, msg, lg == null ? Fixes.addServiceKey(ctx.patch(), s, "logging", v)
            : ctx.patch().fillEmpty(s.own, s.own.entry("logging"), v));
        return;
      }
      if (!(lg instanceof YNode.Mapping m)) {
        return;
      }
      // merge keys followed (`logging: {<<: *logging}`): the driver and options may come from an anchor
      String driver = Fixes.text(m.lookup("driver"));
      if (driver != null && !driver.equals("json-file") && !driver.equals("local")) {
        return; // other drivers ship logs elsewhere; their options differ
      }
      YNode opts = m.lookup("options");
      if (opts instanceof YNode.Mapping om && om.lookup("max-size") != null) {
        return;
      }
      String msg = where + " logs with " + (driver == null ? "the default driver" : driver)
          + " but no max-size; add max-size \"" + MAX_SIZE + "\" and max-file \"" + MAX_FILE + "\"";
      if (s.partial()) {
        ctx.report(m, s, msg + " (in the file that defines the service: this one only completes it)");
        return;
      }
      if (opts != null && m.entry("options") == null) {
        // the options come from a merged anchor: an own `options` would replace them whole
        ctx.report(m, s, msg + " (its options come from a merged anchor: add them there)");
        return;
      }
      if (opts == null) {
        ctx.fix(m, s, msg, ctx.patch().addEntry(m, "options", options(), null));
      } else if (opts instanceof YNode.Scalar sc && sc.isNull()) {
        ctx.fix(m, s, msg, ctx.patch().fillEmpty(m, m.entry("options"), options()));
      } else if (opts instanceof YNode.Mapping om) {
        List<Edit> edits = new ArrayList<>();
        edits.add(ctx.patch().addEntry(om, "max-size", new Quoted(MAX_SIZE), null));
        if (om.lookup("max-file") == null) {
          edits.add(ctx.patch().addEntry(om, "max-file", new Quoted(MAX_FILE), null));
        }
        ctx.fix(om, s, msg, edits.toArray(new Edit[0]));
      }
  }
}
