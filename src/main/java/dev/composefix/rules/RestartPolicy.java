package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Gives long-running services {@code restart: unless-stopped}; one-shot jobs are left alone. */
public final class RestartPolicy extends ProductionRule {
  static final String POLICY = "unless-stopped";

  /**
   * The file's own restart policy when its long-running services that set one (two at least) all
   * agree on it (every `always`: write `always`), else {@value #POLICY}.
   */
  static String convention(RuleContext ctx) {
    Set<String> seen = new java.util.LinkedHashSet<>();
    int count = 0;
    for (Service s : ctx.file().services()) {
      String r = s.own == null ? null : s.text("restart");
      if (r != null
          && !r.equals("no")
          && ctx.file().lifecycle(s).longRunning()
          && java.util.List.of("always", "unless-stopped", "on-failure").contains(r)) {
        seen.add(r);
        count++;
      }
    }
    return seen.size() == 1 && count >= 2 ? seen.iterator().next() : POLICY;
  }

  public RestartPolicy() {
    super(
        "restart-policy",
        "long-running services of production files get a restart policy (the file's own, else `unless-stopped`)",
        Applicability.SAFE,
        Skip.whenSet("restart"));
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    String policy = ctx.once(RestartPolicy.class, RestartPolicy::convention);
    if (s.get("deploy") instanceof YNode.Mapping d && d.get("restart_policy") != null) {
      return;
    }
    if (Lifecycles.skip(ctx, s, "a restart policy")) {
      return;
    }
    String msg =
        "service '"
            + s.name
            + "' does not come back after a crash or a reboot; add `restart: "
            + policy
            + "`"
            + (policy.equals(POLICY) ? "" : " (the policy the file's other services use)");
    if (s.partial()) {
      ctx.report(
          s.key, s, msg + " (in the file that defines the service: this one only completes it)");
      return;
    }
    ctx.fix(s.key, s, msg, Fixes.addServiceKey(ctx.patch(), s, "restart", policy));
  }
}
