package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Reports {@code privileged: true}: the container gets every capability and every host device. */
public final class Privileged extends Check {
  static boolean isTrue(YNode n) {
    return n instanceof YNode.Scalar sc
        && sc.tag == null
        && sc.plain()
        && (sc.value.equals("true") || sc.value.equals("True") || sc.value.equals("TRUE"));
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    YNode p = s.get("privileged");
    if (isTrue(p)) {
      ctx.report(
          p,
          s,
          "service '"
              + s.name
              + "' runs privileged: it gets every capability and the host's devices,"
              + " so a compromise is a compromise of the host; remove `privileged: true` and add only the"
              + " `cap_add` and `devices` it needs");
    }
  }
}
