package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;

/** Adds {@code no-new-privileges:true} to {@code security_opt}: no setuid escalation inside the container. */
public final class NoNewPrivileges implements Rule {
  static final String OPTION = "no-new-privileges:true";
  private static final Set<String> ON = Set.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true");
  private static final Set<String> OFF = Set.of("no-new-privileges:false", "no-new-privileges=false");

  @Override
  public String id() {
    return "no-new-privileges";
  }

  @Override
  public String summary() {
    return "add `no-new-privileges:true` to `security_opt`";
  }

  @Override
  public Applicability applicability() {
    return Applicability.SAFE;
  }

  @Override
  public void check(RuleContext ctx) {
    for (Service s : ctx.file().services()) {
      if (s.own == null) {
        continue;
      }
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
          continue;
        }
        if (on) {
          continue;
        }
      } else if (so != null && !(so instanceof YNode.Scalar sc && sc.isNull())) {
        ctx.report(so, s, "service '" + s.name + "': `security_opt` is not a list; add `" + OPTION + "` to it");
        continue;
      }
      ctx.fix(s.key, s, "service '" + s.name + "' can gain privileges through setuid binaries; add `security_opt: ["
          + OPTION + "]`", Fixes.addToList(ctx.patch(), s, "security_opt", OPTION));
    }
  }
}
