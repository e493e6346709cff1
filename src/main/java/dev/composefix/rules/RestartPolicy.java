package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Gives long-running services {@code restart: unless-stopped}; one-shot jobs are left alone. */
public final class RestartPolicy extends BaseRule {
  static final String POLICY = "unless-stopped";

  public RestartPolicy() {
    super("restart-policy", "long-running services get `restart: unless-stopped`", Applicability.SAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      if (s.has("restart") || oneShot.contains(s.name)) {
        return;
      }
      if (s.get("deploy") instanceof YNode.Mapping d && d.get("restart_policy") != null) {
        return;
      }
      String msg = "service '" + s.name + "' does not come back after a crash or a reboot; add `restart: "
          + POLICY + "`";
      if (s.partial()) {
        ctx.report(s.key, s, msg + " (in the file that defines the service: this one only completes it)");
        return;
      }
      ctx.fix(s.key, s, msg, Fixes.addServiceKey(ctx.patch(), s, "restart", POLICY));
  }
}
