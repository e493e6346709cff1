package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;

/** Reports {@code security_opt} entries that turn the seccomp or AppArmor profile off. */
public final class UnconfinedProfile implements Rule {
  @Override
  public String id() {
    return "unconfined-profile";
  }

  @Override
  public String summary() {
    return "report `seccomp:unconfined` / `apparmor:unconfined` in `security_opt`";
  }

  @Override
  public Applicability applicability() {
    return Applicability.DISPLAY_ONLY;
  }

  @Override
  public void check(RuleContext ctx) {
    for (Service s : ctx.file().services()) {
      for (Lists.Item i : Lists.items(s, "security_opt")) {
        String v = i.text();
        String norm = v.replace(" ", "").toLowerCase();
        String kind = norm.startsWith("seccomp") ? "seccomp" : norm.startsWith("apparmor") ? "AppArmor" : null;
        if (kind != null && (norm.endsWith(":unconfined") || norm.endsWith("=unconfined"))) {
          String article = kind.equals("AppArmor") ? "an " : "a ";
          ctx.report(i.node(), s, "service '" + s.name + "' runs without " + article + kind + " profile (`" + v.strip() + "`), so"
              + " the kernel filters nothing it calls; remove the option, or write a profile that allows only"
              + " what it needs and name it here");
        }
      }
    }
  }
}
