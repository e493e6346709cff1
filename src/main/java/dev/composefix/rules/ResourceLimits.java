package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds {@code deploy.resources.limits} (memory, cpus) and {@code reservations} sized by the kind of
 * service (seed 002's sizing table); images not in the runtime table get the generic app size.
 */
public final class ResourceLimits extends BaseRule {
  /** Service-level keys that already size the container; compose rejects them beside different deploy values. */
  static final List<String> LEGACY = List.of("mem_limit", "mem_reservation", "memswap_limit", "cpus", "cpu_count",
      "cpu_percent", "cpu_quota");

  public ResourceLimits() {
    super("resource-limits", "`deploy.resources.limits`/`reservations` by kind of service", Applicability.UNSAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      if (LEGACY.stream().anyMatch(s::has)) {
        return;
      }
      YNode deploy = s.get("deploy");
      if (deploy instanceof YNode.Mapping dm && dm.get("resources") != null) {
        return;
      }
      ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
      String kind = facts == null ? ImageFacts.GENERIC_KIND : facts.kind();
      Map<String, Object> sizes = ImageFacts.sizes(kind, ctx.config());
      Map<String, Object> limits = ImageFacts.resources(sizes.get("limits"));
      Map<String, Object> resources = new LinkedHashMap<>();
      resources.put("limits", limits);
      boolean job = oneShot.contains(s.name);
      if (!job) {
        resources.put("reservations", ImageFacts.resources(sizes.get("reservations")));
      }
      String msg = "service '" + s.name + "' has no memory or CPU limit, so one leak can starve the host; add"
          + " `deploy.resources` limits of " + limits.get("memory") + " and "
          + (limits.get("cpus") instanceof dev.composefix.yaml.Render.Quoted q ? q.value() : "?") + " CPUs"
          + (facts == null ? " (the generic app size: its image is not in the runtime table; size it to its"
          + " real use)" : " (" + kind + ")")
          + (job ? " and no reservation (a one-shot job)" : "");
      if (s.partial()) {
        ctx.report(s.key, s, msg + StopGracePeriod.PARTIAL);
        return;
      }
      if (deploy == null) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("resources", resources);
        ctx.fix(s.key, s, msg, Fixes.addServiceKey(ctx.patch(), s, "deploy", v));
      } else if (deploy instanceof YNode.Scalar sc && sc.isNull() && s.own.entry("deploy") != null) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("resources", resources);
        ctx.fix(s.key, s, msg, ctx.patch().fillEmpty(s.own, s.own.entry("deploy"), v));
      } else if (deploy instanceof YNode.Mapping dm) {
        ctx.fix(dm, s, msg, ctx.patch().addEntry(dm, "resources", resources, null));
      } else {
        ctx.report(deploy, s, msg + " (`deploy` is not a mapping)");
      }
  }
}
