package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Report-only companion of volume-init: a service switched to {@code user: root} (or UID 0) that
 * mounts a named volume, the usual way around a root-owned volume (a change that trades the image's
 * non-root user for a one-time ownership problem). Never changes the user: which non-root user the
 * image needs is the author's call.
 */
public final class RootUser extends Check {
  private static final Set<String> ROOT = Set.of("root", "0");

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    YNode u = s.get("user");
    String text = Fixes.text(u);
    if (text == null) {
      return;
    }
    String t = text.strip();
    String who = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
    if (!ROOT.contains(who)) {
      return;
    }
    Set<String> vols = new LinkedHashSet<>();
    for (VolumeInit.Mount m : VolumeInit.namedMounts(s, true)) {
      vols.add("'" + m.volume() + "'");
    }
    if (vols.isEmpty()) {
      return;
    }
    List<String> v = new ArrayList<>(vols);
    ctx.report(
        u,
        s,
        "service '"
            + s.name
            + "' runs as root (`user: "
            + t
            + "`) and writes to named volume"
            + (v.size() > 1 ? "s " : " ")
            + String.join(", ", v)
            + "; root in the container is what the image's"
            + " non-root user protects against. Set its non-root `user: \"UID:GID\"` instead and let volume-init give"
            + " the volume to that user (composefix explain volume-init)");
  }
}
