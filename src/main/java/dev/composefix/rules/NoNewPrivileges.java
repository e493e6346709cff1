package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Adds {@code no-new-privileges:true} to {@code security_opt}: no setuid escalation inside the container. */
public final class NoNewPrivileges extends BaseRule {
  static final String OPTION = "no-new-privileges:true";
  private static final Set<String> ON = Set.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true");
  private static final Set<String> OFF = Set.of("no-new-privileges:false", "no-new-privileges=false");

  public NoNewPrivileges() {
    super("no-new-privileges", "add `no-new-privileges:true` to `security_opt`", Applicability.SAFE);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
      YNode so = s.get("security_opt");
      if (so instanceof YNode.Sequence seq) {
        boolean on = false;
        YNode off = null;
        for (YNode i : seq.items) {
          String v = Fixes.text(i);
          String norm = v == null ? "" : v.replace(" ", "");
          on |= ON.contains(norm);
          if (OFF.contains(norm)) {
            off = i;
          }
        }
        if (off != null) {
          ctx.report(off, s, "service '" + s.name + "' turns no-new-privileges off; remove that option unless"
              + " the app needs setuid binaries");
          return;
        }
        if (on) {
          return;
        }
      } else if (so != null && !(so instanceof YNode.Scalar sc && sc.isNull())) {
        ctx.report(so, s, "service '" + s.name + "': `security_opt` is not a list; add `" + OPTION + "` to it");
        return;
      }
      ctx.fix(s.key, s, "service '" + s.name + "' can gain privileges through setuid binaries; add `security_opt: ["
          + OPTION + "]`", Fixes.addToList(ctx.patch(), s, "security_opt", OPTION));
  }
}
