package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;

/** Reports {@code network_mode: host}: no network isolation, every port the process opens is public. */
public final class HostNetwork implements Rule {
  @Override
  public String id() {
    return "host-network";
  }

  @Override
  public String summary() {
    return "report `network_mode: host`";
  }

  @Override
  public Applicability applicability() {
    return Applicability.DISPLAY_ONLY;
  }

  @Override
  public void check(RuleContext ctx) {
    for (Service s : ctx.file().services()) {
      String mode = s.text("network_mode");
      if (mode != null && mode.strip().equals("host")) {
        ctx.report(s.get("network_mode"), s, "service '" + s.name + "' uses the host's network: it can reach and"
            + " bind every host interface and port with no isolation; use a compose network and publish only the"
            + " ports it needs under `ports:` (bound to 127.0.0.1 where only the host needs them)");
      }
    }
  }
}
