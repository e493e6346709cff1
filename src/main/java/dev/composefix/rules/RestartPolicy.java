package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Gives long-running services {@code restart: unless-stopped}; one-shot jobs are left alone. */
public final class RestartPolicy implements Rule {
  static final String POLICY = "unless-stopped";

  @Override
  public String id() {
    return "restart-policy";
  }

  @Override
  public String summary() {
    return "long-running services get `restart: unless-stopped`";
  }

  @Override
  public Applicability applicability() {
    return Applicability.SAFE;
  }

  @Override
  public void check(RuleContext ctx) {
    Set<String> oneShot = ctx.file().oneShot();
    for (Service s : ctx.file().services()) {
      if (s.own == null || s.has("restart") || oneShot.contains(s.name)) {
        continue;
      }
      if (s.get("deploy") instanceof YNode.Mapping d && d.get("restart_policy") != null) {
        continue;
      }
      String msg = "service '" + s.name + "' does not come back after a crash or a reboot; add `restart: "
          + POLICY + "`";
      if (s.partial()) {
        ctx.report(s.key, s, msg + " (in the file that defines the service: this one only completes it)");
        continue;
      }
      ctx.fix(s.key, s, msg, Fixes.addServiceKey(ctx.patch(), s, "restart", POLICY));
    }
  }
}
