package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds {@code no-new-privileges:true} to {@code security_opt}: no setuid escalation inside the
 * container.
 */
public final class NoNewPrivileges extends Check {
  static final String OPTION = "no-new-privileges:true";
  private static final Set<String> ON =
      Set.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=true");
  private static final Set<String> OFF =
      Set.of("no-new-privileges:false", "no-new-privileges=false");

  /**
   * Why no-new-privileges would break the service (its image relies on setuid or setgid binaries
   * while it runs, as the runtime table records with its source), or null.
   */
  static String needsSetuid(Service s, Config config) {
    ImageFacts.Entry facts = ImageFacts.of(s, config);
    if (facts == null) {
      return null;
    }
    String why =
        facts.setuid() != null ? facts.setuid() : s.has("user") ? facts.setuidWithUser() : null;
    return why == null
        ? null
        : "image '"
            + s.image()
            + "' relies on setuid or setgid binaries while it runs ("
            + why.strip()
            + "); see "
            + firstUrl(facts.source());
  }

  /** The first address in a table source, or the whole source when it names none. */
  static String firstUrl(String source) {
    Matcher m = Pattern.compile("https?://[^\\s;,)]+").matcher(source);
    return m.find() ? m.group() : source;
  }

  /**
   * Whether no-new-privileges is on for the service, or this rule adds it (it is not off nor
   * excepted).
   */
  static boolean onOrAdded(Service s, Config config) {
    YNode so = s.get("security_opt");
    if (so instanceof YNode.Sequence seq) {
      boolean on = false;
      for (YNode i : seq.items) {
        String v = Fixes.text(i);
        String norm = v == null ? "" : v.replace(" ", "");
        if (OFF.contains(norm)) {
          return false;
        }
        on |= ON.contains(norm);
      }
      if (on) {
        return true;
      }
    } else if (so != null && !(so instanceof YNode.Scalar sc && sc.isNull())) {
      return false;
    }
    return needsSetuid(s, config) == null;
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
        ctx.report(
            off,
            s,
            "service '"
                + s.name
                + "' turns no-new-privileges off; remove that option unless"
                + " the app needs setuid binaries");
        return;
      }
      if (on) {
        return;
      }
    } else if (so != null && !(so instanceof YNode.Scalar sc && sc.isNull())) {
      ctx.report(
          so,
          s,
          "service '" + s.name + "': `security_opt` is not a list; add `" + OPTION + "` to it");
      return;
    }
    String setuid = needsSetuid(s, ctx.config());
    if (setuid != null) {
      ctx.report(s.key, s, "service '" + s.name + "' gets no `" + OPTION + "`: " + setuid);
      return;
    }
    ctx.fix(
        s.key,
        s,
        "service '"
            + s.name
            + "' can gain privileges through setuid binaries; add `security_opt: ["
            + OPTION
            + "]`",
        "Add `" + OPTION + "` to `security_opt`",
        Fixes.addToList(ctx.patch(), s, "security_opt", OPTION));
  }
}
