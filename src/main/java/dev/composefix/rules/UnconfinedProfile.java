package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.Set;

/** Reports {@code security_opt} entries that turn the seccomp or AppArmor profile off. */
public final class UnconfinedProfile extends Check {
  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    for (Lists.Item i : Lists.items(s, "security_opt")) {
      String v = i.text();
      String norm = v.replace(" ", "").toLowerCase();
      String kind =
          norm.startsWith("seccomp") ? "seccomp" : norm.startsWith("apparmor") ? "AppArmor" : null;
      if (kind != null && (norm.endsWith(":unconfined") || norm.endsWith("=unconfined"))) {
        String article = kind.equals("AppArmor") ? "an " : "a ";
        ctx.report(
            i.node(),
            s,
            "service '"
                + s.name
                + "' runs without "
                + article
                + kind
                + " profile (`"
                + v.strip()
                + "`), so"
                + " the kernel filters nothing it calls; remove the option, or write a profile that allows only"
                + " what it needs and name it here");
      }
    }
  }
}
