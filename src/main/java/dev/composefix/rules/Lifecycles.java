package dev.composefix.rules;

import dev.composefix.compose.Lifecycle;
import dev.composefix.compose.Service;
import dev.composefix.rule.RuleContext;

/** How the lifecycle rules ask the lifecycle model and the file's purpose. */
final class Lifecycles {
  private Lifecycles() {}

  /**
   * True when a rule that keeps a service running (or sizes it for the long run) must not fix the
   * service: a one-shot job (silently: nothing to do) or a doubtful one, which gets a finding that
   * says why instead of the fix ({@code what} names the fix, e.g. "`restart: unless-stopped`").
   */
  static boolean skip(RuleContext ctx, Service s, String what) {
    Lifecycle l = ctx.file().lifecycle(s);
    if (l.oneShot()) {
      return true;
    }
    if (l.doubtful()) {
      ctx.report(
          s.key,
          s,
          "service '"
              + s.name
              + "' may be a one-shot job ("
              + l.reason()
              + "): "
              + what
              + " is added only to services that keep running; add it by hand if this one does, or add `profiles`, `restart: \"no\"` or a `service_completed_successfully`"
              + " dependency if it is a job (https://docs.docker.com/compose/how-tos/startup-order/)");
      return true;
    }
    return false;
  }
}
