package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.Set;

/**
 * Reports {@code network_mode: host}: no network isolation, every port the process opens is public.
 */
public final class HostNetwork extends Check {
  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    String mode = s.text("network_mode");
    if (mode != null && mode.strip().equals("host")) {
      ctx.report(
          s.get("network_mode"),
          s,
          "service '"
              + s.name
              + "' uses the host's network: it can reach and"
              + " bind every host interface and port with no isolation; use a compose network and publish only the"
              + " ports it needs under `ports:` (bound to 127.0.0.1 where only the host needs them)");
    }
  }
}
