package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the root filesystem of services whose image is in the runtime table read-only, with a tmpfs
 * for {@code /tmp} and for every other path the image writes outside its volumes.
 */
public final class ReadOnlyRootfs extends Check {
  public ReadOnlyRootfs() {
    super(
        Skip.whenSet("read_only")); // an explicit read_only, true or false, is the user's decision
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    String where = "service '" + s.name + "'";
    ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
    if (facts == null || facts.tmpfs() == null) {
      ImageFacts.reportUnknown(
          ctx,
          s,
          facts,
          "has a writable root filesystem",
          "where",
          "writes, so set `read_only: true` with a `tmpfs` for /tmp and each path it writes, after testing");
      return;
    }
    List<String> targets = ImageFacts.mountTargets(s);
    List<String> wanted = new ArrayList<>();
    wanted.add(ImageFacts.tmp());
    wanted.addAll(facts.tmpfs());
    List<Object> add = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String t : wanted) {
      String path = ImageFacts.tmpfsPath(t);
      if (!ImageFacts.covered(path, targets)) {
        add.add(t);
        paths.add(path);
      }
    }
    String msg =
        where
            + " has a writable root filesystem: anything that gets in can change its binaries"
            + " and config; add `read_only: true`"
            + (paths.isEmpty() ? "" : " and a tmpfs for " + String.join(", ", paths));
    if (s.partial()) {
      ctx.report(s.key, s, msg + Fixes.PARTIAL);
      return;
    }
    List<Patch> edits = new ArrayList<>();
    edits.add(Fixes.addServiceKey(ctx.patch(), s, "read_only", Boolean.TRUE));
    List<Patch> tmpfs = Lists.add(ctx.patch(), s, "tmpfs", add);
    if (Patch.refusal(tmpfs) != null) {
      ctx.report(
          s.get("tmpfs") != null ? s.get("tmpfs") : s.key,
          s,
          msg + " (`tmpfs` is not a plain list:" + " add the entries by hand)");
      return;
    }
    edits.addAll(tmpfs);
    ctx.fix(
        s.key,
        s,
        msg,
        "Add `read_only: true`"
            + (paths.isEmpty() ? "" : " and a tmpfs for " + String.join(", ", paths)),
        Lists.ordered(edits).toArray(new Patch[0]));
  }
}
