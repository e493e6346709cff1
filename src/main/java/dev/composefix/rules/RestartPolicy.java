package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gives long-running services {@code restart: unless-stopped}; one-shot jobs are left alone. */
public final class RestartPolicy extends ProductionCheck {
  static final String POLICY = "unless-stopped";

  public RestartPolicy() {
    super(Skip.whenSet("restart"));
  }

  /**
   * The file's own restart policy when its long-running services that set one (two at least) all
   * agree on it (every `always`: write `always`), else {@value #POLICY}.
   */
  static String convention(RuleContext ctx) {
    Set<String> seen = new LinkedHashSet<>();
    int count = 0;
    for (Service s : ctx.file().services()) {
      String r = s.own == null ? null : s.text("restart");
      if (r != null
          && !r.equals("no")
          && ctx.file().lifecycle(s).longRunning()
          && List.of("always", "unless-stopped", "on-failure").contains(r)) {
        seen.add(r);
        count++;
      }
    }
    return seen.size() == 1 && count >= 2 ? seen.iterator().next() : POLICY;
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
    Fixes.addKey(ctx, s, msg, "Add `restart: " + policy + "`", "restart", policy);
  }
}
