package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/**
 * Adds a service-level {@code pids_limit} by kind of service, so a fork bomb or a thread leak stays
 * inside its container. Not {@code deploy.resources.limits.pids}, which older Compose versions reject.
 */
public final class PidsLimit extends BaseRule {
  public PidsLimit() {
    super("pids-limit", "service-level `pids_limit` by kind of service", Applicability.UNSAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      if (s.has("pids_limit")) {
        return;
      }
      if (s.get("deploy") instanceof YNode.Mapping d && d.get("resources") instanceof YNode.Mapping r
          && r.get("limits") instanceof YNode.Mapping l && l.get("pids") != null) {
        return;
      }
      ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
      String kind = facts == null ? ImageFacts.GENERIC_KIND : facts.kind();
      Object limit = ImageFacts.sizes(kind, ctx.config()).get("pids_limit");
      if (!(limit instanceof Number n)) {
        return;
      }
      String msg = "service '" + s.name + "' can start any number of processes and threads (a fork bomb or a"
          + " thread leak takes the host down); add `pids_limit: " + n + "`"
          + (facts == null ? " (the generic app value: its image is not in the runtime table)" : " (" + kind + ")");
      if (s.partial()) {
        ctx.report(s.key, s, msg + StopGracePeriod.PARTIAL);
        return;
      }
      ctx.fix(s.key, s, msg, Fixes.addServiceKey(ctx.patch(), s, "pids_limit", n));
  }
}
