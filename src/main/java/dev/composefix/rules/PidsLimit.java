package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/**
 * Adds a service-level {@code pids_limit} by kind of service, so a fork bomb or a thread leak stays
 * inside its container. Not {@code deploy.resources.limits.pids}, which older Compose versions
 * reject.
 */
public final class PidsLimit extends ProductionCheck {
  public PidsLimit() {
    super(Skip.whenSet("pids_limit"));
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    if (s.get("deploy") instanceof YNode.Mapping d
        && d.get("resources") instanceof YNode.Mapping r
        && r.get("limits") instanceof YNode.Mapping l
        && l.get("pids") != null) {
      return;
    }
    ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
    String kind = facts == null ? ImageFacts.GENERIC_KIND : facts.kind();
    Object limit = ImageFacts.sizes(kind, ctx.config()).get("pids_limit");
    if (!(limit instanceof Number n)) {
      return;
    }
    if ((facts == null || !facts.sized()) && Heap.java(s)) {
      // a JVM starts dozens of threads of its own (GC, JIT, compiler) and an app server a pool
      // of hundreds more; the generic value is not sized for it
      ctx.report(
          s.key,
          s,
          "service '"
              + s.name
              + "' can start any number of processes and threads; no `pids_limit`"
              + " is added: it runs a JVM, whose own and pooled threads the generic value of "
              + n
              + " (its image is"
              + " not in the runtime table) may not hold; add one sized to its thread count by hand");
      return;
    }
    String msg =
        "service '"
            + s.name
            + "' can start any number of processes and threads (a fork bomb or a"
            + " thread leak takes the host down); add `pids_limit: "
            + n
            + "`"
            + (facts == null || !facts.sized()
                ? " (the generic app value: its image is not in the runtime table)"
                : " (" + kind + ")");
    Fixes.addKey(ctx, s, msg, "Add `pids_limit: " + n + "`", "pids_limit", n);
  }
}
