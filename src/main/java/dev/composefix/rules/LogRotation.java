package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Refusal;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.Render.Quoted;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Caps json-file and local logs at max-size 10m and max-file 5, so logs cannot fill the disk. */
public final class LogRotation extends ProductionCheck {
  static final String MAX_SIZE = "10m";
  static final String MAX_FILE = "5";

  static Map<String, Object> options(String size, String files) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("max-size", new Quoted(size));
    o.put("max-file", new Quoted(files));
    return o;
  }

  static final String DAEMON = "https://docs.docker.com/engine/logging/configure/";

  /**
   * The project's logging convention: a logging anchor to alias, or a declared driver; and its
   * sizes.
   */
  record Convention(String anchor, YNode anchored, String driver, String size, String files) {}

  /**
   * What the project already does: the driver and sizes its {@code .composefix.yaml} declares, an
   * anchored logging mapping (an {@code x-} logging block, or a service's anchored {@code
   * logging}), and the max-size/max-file its services agree on.
   */
  static Convention convention(RuleContext ctx) {
    Map<String, String> declared = ctx.config().declared().logging();
    Set<String> sizes = new LinkedHashSet<>();
    Set<String> counts = new LinkedHashSet<>();
    for (Service s : ctx.file().serviceNames().stream().map(ctx.file()::service).toList()) {
      if (s.own != null
          && s.get("logging") instanceof YNode.Mapping m
          && m.lookup("options") instanceof YNode.Mapping o) {
        String sz = Fixes.text(o.lookup("max-size"));
        String n = Fixes.text(o.lookup("max-file"));
        if (sz != null) {
          sizes.add(sz);
        }
        if (n != null) {
          counts.add(n);
        }
      }
    }
    String size =
        declared.getOrDefault("max-size", sizes.size() == 1 ? sizes.iterator().next() : MAX_SIZE);
    String files =
        declared.getOrDefault("max-file", counts.size() == 1 ? counts.iterator().next() : MAX_FILE);
    YNode.Mapping anchored = loggingAnchor(ctx);
    return new Convention(
        anchored == null ? null : anchored.anchor, anchored, declared.get("driver"), size, files);
  }

  /**
   * The file's logging anchor: the value of a {@code logging} key that carries an anchor (in an
   * {@code x-} block or a service), or an anchored top-level {@code x-} mapping whose name speaks
   * of logging and that names a driver or options. When several exist, the one most services alias
   * wins; null when there is none or the choice is not clear.
   */
  static YNode.Mapping loggingAnchor(RuleContext ctx) {
    List<YNode.Mapping> found = new ArrayList<>();
    for (YNode.Entry e : ctx.file().root.entries) {
      String k = e.keyText();
      if (k == null || !k.startsWith("x-")) {
        continue;
      }
      YNode v = e.value();
      if (v instanceof YNode.Mapping m
          && m.anchor != null
          && k.toLowerCase(Locale.ROOT).contains("log")
          && (m.get("driver") != null || m.get("options") != null)) {
        found.add(m);
      } else if (v instanceof YNode.Mapping m
          && m.entry("logging") != null
          && m.entry("logging").value() instanceof YNode.Mapping lm
          && lm.anchor != null) {
        found.add(lm);
      }
    }
    if (ctx.file().servicesNode != null) {
      for (YNode.Entry e : ctx.file().servicesNode.entries) {
        if (e.value() instanceof YNode.Mapping sm
            && sm.entry("logging") != null
            && sm.entry("logging").value() instanceof YNode.Mapping lm
            && lm.anchor != null) {
          found.add(lm);
        }
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    // the anchor most services alias
    Map<YNode, Integer> uses = new IdentityHashMap<>();
    for (Service s : ctx.file().services()) {
      if (s.own != null
          && s.own.entry("logging") != null
          && s.own.entry("logging").value() instanceof YNode.Alias a) {
        uses.merge(a.resolve(), 1, Integer::sum);
      }
    }
    YNode.Mapping best = null;
    int most = 0;
    boolean tie = false;
    for (YNode.Mapping m : found) {
      int n = uses.getOrDefault(m, 0);
      if (n > most) {
        best = m;
        most = n;
        tie = false;
      } else if (n == most) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    Convention conv = ctx.once(LogRotation.class, LogRotation::convention);
    YNode lg = s.get("logging");
    String where = "service '" + s.name + "'";
    if (lg == null || (lg instanceof YNode.Scalar sc && sc.isNull())) {
      if (s.partial()) {
        ctx.report(
            s.key,
            s,
            where
                + " keeps logs without a size limit, unless the host's daemon rotates"
                + " them"
                + Fixes.PARTIAL);
        return;
      }
      if (conv.anchor() != null && conv.anchored().start() < s.key.start()) {
        String msg =
            where
                + " has no logging settings; use the project's own (`logging: *"
                + conv.anchor()
                + "`)";
        YNode.Entry own = s.own.entry("logging");
        ctx.fix(
            s.key,
            s,
            msg,
            "Use the project's logging (`logging: *" + conv.anchor() + "`)",
            own == null
                ? Fixes.addServiceKey(
                    ctx.patch(), s, "logging", new Render.Raw("*" + conv.anchor()))
                : Refusal.of(Refusal.Reason.KEY_EXISTS));
        return;
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("driver", conv.driver() == null ? "json-file" : conv.driver());
      v.put("options", options(conv.size(), conv.files()));
      Patch edit =
          lg == null
              ? Fixes.addServiceKey(ctx.patch(), s, "logging", v)
              : ctx.patch().fillEmpty(s.own, s.own.entry("logging"), v);
      if (conv.driver() != null) {
        ctx.fix(
            s.key,
            s,
            where
                + " keeps logs without a size limit; add the project's logging ("
                + conv.driver()
                + ", max-size \""
                + conv.size()
                + "\", max-file \""
                + conv.files()
                + "\", as "
                + Config.FILE_NAME
                + " declares)",
            "Add the project's " + conv.driver() + " logging with " + rotation(conv),
            edit);
        return;
      }
      ctx.fixUnsafe(
          s.key,
          s,
          where
              + " has no logging settings, so it logs with the host daemon's driver;"
              + " if that is json-file without rotation (Docker's default), its logs grow without limit. Writing"
              + " json-file logging with max-size \""
              + conv.size()
              + "\" and max-file \""
              + conv.files()
              + "\" would"
              + " override the daemon's choice (journald, local, a log shipper: "
              + DAEMON
              + "), so it is unsafe;"
              + " declare the project's driver under `logging` in "
              + Config.FILE_NAME
              + " to apply it safely",
          "Add json-file logging with " + rotation(conv),
          edit);
      return;
    }
    if (!(lg instanceof YNode.Mapping m)) {
      return;
    }
    // merge keys followed (`logging: {<<: *logging}`): the driver and options may come from an
    // anchor
    String driver = Fixes.text(m.lookup("driver"));
    if (driver != null && !driver.equals("json-file") && !driver.equals("local")) {
      return; // other drivers ship logs elsewhere; their options differ
    }
    YNode opts = m.lookup("options");
    if (opts instanceof YNode.Mapping om && om.lookup("max-size") != null) {
      return;
    }
    String msg =
        where
            + " logs with "
            + (driver == null ? "the default driver" : driver)
            + " but no max-size; add max-size \""
            + conv.size()
            + "\" and max-file \""
            + conv.files()
            + "\"";
    if (s.partial()) {
      ctx.report(m, s, msg + Fixes.PARTIAL);
      return;
    }
    if (opts != null && m.entry("options") == null) {
      // the options come from a merged anchor: an own `options` would replace them whole
      ctx.report(m, s, msg + " (its options come from a merged anchor: add them there)");
      return;
    }
    if (opts == null) {
      ctx.fix(
          m,
          s,
          msg,
          "Rotate logs with " + rotation(conv),
          ctx.patch().addEntry(m, "options", options(conv.size(), conv.files()), null));
    } else if (opts instanceof YNode.Scalar sc && sc.isNull()) {
      ctx.fix(
          m,
          s,
          msg,
          "Rotate logs with " + rotation(conv),
          ctx.patch().fillEmpty(m, m.entry("options"), options(conv.size(), conv.files())));
    } else if (opts instanceof YNode.Mapping om) {
      List<Patch> edits = new ArrayList<>();
      edits.add(ctx.patch().addEntry(om, "max-size", new Quoted(conv.size()), null));
      if (om.lookup("max-file") == null) {
        edits.add(ctx.patch().addEntry(om, "max-file", new Quoted(conv.files()), null));
      }
      ctx.fix(om, s, msg, "Rotate logs with " + rotation(conv), edits.toArray(new Patch[0]));
    }
  }

  /** The rotation a fix writes, for its title: max-size "10m" and max-file "5". */
  private static String rotation(Convention conv) {
    return "max-size \"" + conv.size() + "\" and max-file \"" + conv.files() + "\"";
  }
}
