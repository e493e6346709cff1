package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;

/** Reports {@code privileged: true}: the container gets every capability and every host device. */
public final class Privileged implements Rule {
  @Override
  public String id() {
    return "privileged";
  }

  @Override
  public String summary() {
    return "report `privileged: true`";
  }

  @Override
  public Applicability applicability() {
    return Applicability.DISPLAY_ONLY;
  }

  static boolean isTrue(YNode n) {
    return n instanceof YNode.Scalar sc && sc.tag == null && sc.plain()
        && (sc.value.equals("true") || sc.value.equals("True") || sc.value.equals("TRUE"));
  }

  @Override
  public void check(RuleContext ctx) {
    for (Service s : ctx.file().services()) {
      YNode p = s.get("privileged");
      if (isTrue(p)) {
        ctx.report(p, s, "service '" + s.name + "' runs privileged: it gets every capability and the host's devices,"
            + " so a compromise is a compromise of the host; remove `privileged: true` and add only the"
            + " `cap_add` and `devices` it needs");
      }
    }
  }
}
