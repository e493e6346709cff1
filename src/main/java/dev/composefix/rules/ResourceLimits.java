package dev.composefix.rules;

import dev.composefix.compose.Lifecycle;
import dev.composefix.compose.Service;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds {@code deploy.resources.limits} (memory, cpus) and {@code reservations} sized by the kind of
 * service (the runtime table's sizes per kind); images not in the runtime table get the generic app
 * size.
 */
public final class ResourceLimits extends ProductionCheck {
  /**
   * Service-level keys that already size the container; compose rejects them beside different
   * deploy values.
   */
  static final List<String> LEGACY =
      List.of(
          "mem_limit",
          "mem_reservation",
          "memswap_limit",
          "cpus",
          "cpu_count",
          "cpu_percent",
          "cpu_quota");

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
    Map<String, Object> reservations = ImageFacts.resources(sizes.get("reservations"));
    // never below the heap the service declares for itself
    Heap heap = Heap.of(s);
    String sized = "";
    if (heap != null) {
      String declared =
          "service '" + s.name + "' sets its " + heap.runtime() + " heap (" + heap.text() + ")";
      long limit =
          limits.get("memory") == null ? -1 : Heap.parse(String.valueOf(limits.get("memory")));
      if (heap.bytes() < 0 || limit < 0) {
        ctx.report(
            s.key,
            s,
            declared
                + " through a variable, so no memory limit is added: a limit below the heap"
                + " kills the service when the heap fills; add `deploy.resources.limits` above the heap by hand");
        return;
      }
      if (limit < heap.needs()) {
        limits.put("memory", Heap.format(heap.needs()));
        sized =
            " (above its "
                + heap.runtime()
                + " heap, "
                + heap.text()
                + ", with room for the memory outside it)";
        long res =
            reservations.get("memory") == null
                ? -1
                : Heap.parse(String.valueOf(reservations.get("memory")));
        if (res >= 0 && res < heap.bytes()) {
          reservations.put("memory", Heap.format(heap.bytes()));
        }
      }
    }
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("limits", limits);
    Lifecycle life = ctx.file().lifecycle(s);
    boolean job = oneShot.contains(s.name) || life.doubtful();
    if (!job) {
      resources.put("reservations", reservations);
    }
    String msg =
        "service '"
            + s.name
            + "' has no memory or CPU limit, so one leak can starve the host; add"
            + " `deploy.resources` limits of "
            + limits.get("memory")
            + sized
            + " and "
            + (limits.get("cpus") instanceof Render.Quoted q ? q.value() : "?")
            + " CPUs"
            + (facts == null || !facts.sized()
                ? " (the generic app size: its image is not in the runtime table; size it to its"
                    + " real use)"
                : " (" + kind + ")")
            + (job
                ? " and no reservation ("
                    + (life.doubtful() ? "it may be a one-shot job: " : "a one-shot job: ")
                    + life.reason()
                    + ")"
                : "");
    if (s.partial()) {
      ctx.report(s.key, s, msg + Fixes.PARTIAL);
      return;
    }
    String title = "Add `deploy.resources`" + (job ? " limits" : " limits and reservations");
    if (deploy == null) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("resources", resources);
      ctx.fix(s.key, s, msg, title, Fixes.addServiceKey(ctx.patch(), s, "deploy", v));
    } else if (deploy instanceof YNode.Scalar sc && sc.isNull() && s.own.entry("deploy") != null) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("resources", resources);
      ctx.fix(s.key, s, msg, title, ctx.patch().fillEmpty(s.own, s.own.entry("deploy"), v));
    } else if (deploy instanceof YNode.Mapping dm) {
      ctx.fix(dm, s, msg, title, ctx.patch().addEntry(dm, "resources", resources, null));
    } else {
      ctx.report(deploy, s, msg + " (`deploy` is not a mapping)");
    }
  }
}
