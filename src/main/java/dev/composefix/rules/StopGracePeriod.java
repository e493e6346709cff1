package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.rule.RuleContext;
import java.util.Set;

/**
 * Gives databases, queues and other stateful images from the runtime table a {@code
 * stop_grace_period} long enough to shut down cleanly, instead of Docker's 10 seconds.
 */
public final class StopGracePeriod extends ProductionCheck {

  public StopGracePeriod() {
    super(Skip.whenSetOrOneShot("stop_grace_period"));
  }

  /** The grace period the table gives a service's image, or null. */
  static String period(Service s, Config config) {
    ImageFacts.Entry e = ImageFacts.of(s, config);
    if (e == null) {
      return null;
    }
    if (e.stopGracePeriod() != null) {
      return e.stopGracePeriod();
    }
    Object p = ImageFacts.sizes(e.kind(), config).get("stop_grace_period");
    return p == null ? null : String.valueOf(p);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    String period = period(s, ctx.config());
    if (period == null || Lifecycles.skip(ctx, s, "a stop grace period")) {
      return;
    }
    String msg =
        "service '"
            + s.name
            + "' ("
            + ImageFacts.kind(s, ctx.config())
            + ") gets only Docker's default 10s to"
            + " shut down before SIGKILL; add `stop_grace_period: "
            + period
            + "`";
    Fixes.addKey(
        ctx, s, msg, "Add `stop_grace_period: " + period + "`", "stop_grace_period", period);
  }
}
