package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops every capability ({@code cap_drop: [ALL]}) from services whose image is in the runtime
 * table and adds back only those the image needs. Existing {@code cap_add} entries stay.
 */
public final class CapDrop extends Check {
  static final String NET_BIND = "NET_BIND_SERVICE";

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    if ("true".equals(s.text("privileged"))) {
      return; // privileged gets every capability whatever cap_drop says: the privileged check
      // reports it
    }
    List<String> dropped = Lists.values(s, "cap_drop", true);
    if (dropped.contains("ALL") || dropped.contains("CAP_ALL")) {
      return;
    }
    String where = "service '" + s.name + "'";
    ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
    String nonRoot = facts != null && facts.capAdd() != null ? null : nonRoot(s);
    if (nonRoot != null
        && Lists.values(s, "cap_add", true).isEmpty()
        && NoNewPrivileges.onOrAdded(s, ctx.config())) {
      // a non-root process holds no capabilities, and under no-new-privileges it gains none
      // through setuid or file-capability binaries: dropping them all changes nothing it can do
      String msg =
          where
              + " keeps Docker's default capabilities, though it runs as non-root ("
              + nonRoot
              + ") under no-new-privileges and so uses none; add `cap_drop: [ALL]`";
      if (s.partial()) {
        ctx.report(s.key, s, msg + Fixes.PARTIAL);
        return;
      }
      List<Patch> drop = Lists.add(ctx.patch(), s, "cap_drop", List.of("ALL"));
      if (Patch.refusal(drop) != null) {
        ctx.report(s.key, s, msg + " (`cap_drop` is not a plain list: change it by hand)");
        return;
      }
      ctx.fix(s.key, s, msg, "Add `cap_drop: [ALL]`", Lists.ordered(drop).toArray(new Patch[0]));
      return;
    }
    if (facts == null || facts.capAdd() == null) {
      ImageFacts.reportUnknown(
          ctx,
          s,
          facts,
          "keeps Docker's default capabilities",
          "which capabilities",
          "needs, so add `cap_drop: [ALL]` and `cap_add` only what it needs, after testing");
      return;
    }
    Set<String> need = new LinkedHashSet<>(facts.capAdd());
    if (listensBelow1024(s)) {
      need.add(NET_BIND);
    }
    List<String> have = Lists.values(s, "cap_add", true);
    if (have.contains("ALL")) {
      return; // cap_add ALL undoes any drop; the capability checks report it
    }
    List<Object> add = new ArrayList<>();
    for (String c : need) {
      if (!have.contains(c) && !have.contains("CAP_" + c)) {
        add.add(c);
      }
    }
    String msg =
        where
            + " keeps Docker's default capabilities; add `cap_drop: [ALL]`"
            + (add.isEmpty() ? "" : " and `cap_add` " + add);
    if (s.partial()) {
      ctx.report(s.key, s, msg + Fixes.PARTIAL);
      return;
    }
    List<Patch> edits = new ArrayList<>();
    List<Patch> drop = Lists.add(ctx.patch(), s, "cap_drop", List.of("ALL"));
    List<Patch> keep = Lists.add(ctx.patch(), s, "cap_add", add);
    if (Patch.refusal(drop) != null || Patch.refusal(keep) != null) {
      ctx.report(
          s.key, s, msg + " (`cap_drop` or `cap_add` is not a plain list: change it by hand)");
      return;
    }
    edits.addAll(drop);
    edits.addAll(keep);
    ctx.fix(
        s.key,
        s,
        msg,
        "Add `cap_drop: [ALL]`" + (add.isEmpty() ? "" : " and `cap_add: " + add + "`"),
        Lists.ordered(edits).toArray(new Patch[0]));
  }

  /**
   * How the service is known to run as a non-root user from its first process on, or null: an
   * explicit numeric non-root {@code user:} (a name or a variable may be root), or an image that
   * runs as non-root by default (distroless {@code :nonroot} tags), with no {@code user:} that
   * could say otherwise.
   */
  static String nonRoot(Service s) {
    String user = s.text("user");
    if (user != null) {
      String u = user.strip();
      int colon = u.indexOf(':');
      String uid = colon < 0 ? u : u.substring(0, colon);
      return uid.matches("[0-9]{1,10}") && Long.parseLong(uid) != 0 ? "`user: " + u + "`" : null;
    }
    if (s.has("user") || s.has("build") || s.image() == null) {
      return null;
    }
    ImageRef ref = ImageRef.parse(s.image());
    String tag = ref.effectiveTag();
    if (ref.name().startsWith("gcr.io/distroless/")
        && tag != null
        && (tag.equals("nonroot") || tag.endsWith("-nonroot"))) {
      return "distroless `:"
          + tag
          + "` images run as user nonroot, 65532:"
          + " https://github.com/GoogleContainerTools/distroless#debug-images";
    }
    return null;
  }

  /**
   * Whether a published port's container side is below 1024 (the app then binds a privileged port).
   */
  static boolean listensBelow1024(Service s) {
    if (!(s.get("ports") instanceof YNode.Sequence ps)) {
      return false;
    }
    for (YNode i : ps.items) {
      YNode p = i.resolve();
      String target = null;
      if (p instanceof YNode.Mapping m) {
        target = Fixes.text(m.get("target"));
      } else if (Fixes.text(p) != null) {
        String v = Fixes.text(p);
        int slash = v.indexOf('/');
        if (slash >= 0) {
          v = v.substring(0, slash);
        }
        target = v.substring(v.lastIndexOf(':') + 1);
      }
      if (target != null) {
        // the first port of a range; not split("-"), which gives no element at all for "-"
        int dash = target.indexOf('-');
        String first = (dash < 0 ? target : target.substring(0, dash)).strip();
        if (shortNumber(first) && Integer.parseInt(first) < 1024) {
          return true;
        }
      }
    }
    return false;
  }

  /** One to five ASCII digits. */
  private static boolean shortNumber(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
