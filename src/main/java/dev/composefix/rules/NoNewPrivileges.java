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
  private static final Pattern URL = Pattern.compile("https?://[^\\s;,)]+");

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
    Matcher m = URL.matcher(source);
    return m.find() ? m.group() : source;
  }

  /**
   * What a service's {@code security_opt} says of no-new-privileges: whether it is a list (or
   * unset), whether an item turns it on, and the last item that turns it off (or null).
   */
  private record Option(YNode node, boolean list, boolean on, YNode off) {
    static Option of(Service s) {
      YNode so = s.get("security_opt");
      if (!(so instanceof YNode.Sequence seq)) {
        return new Option(
            so, so == null || so instanceof YNode.Scalar sc && sc.isNull(), false, null);
      }
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
      return new Option(so, true, on, off);
    }
  }

  /**
   * Whether no-new-privileges is on for the service, or this rule adds it (it is not off nor
   * excepted).
   */
  static boolean onOrAdded(Service s, Config config) {
    Option o = Option.of(s);
    if (!o.list() || o.off() != null) {
      return false;
    }
    return o.on() || needsSetuid(s, config) == null;
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    Option o = Option.of(s);
    if (o.off() != null) {
      ctx.report(
          o.off(),
          s,
          "service '"
              + s.name
              + "' turns no-new-privileges off; remove that option unless"
              + " the app needs setuid binaries");
      return;
    }
    if (o.on()) {
      return;
    }
    if (!o.list()) {
      ctx.report(
          o.node(),
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
