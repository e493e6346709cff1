package dev.composefix.rules;

import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;

/** Removes the top-level {@code version}, which Compose v2 ignores and warns about. */
public final class ObsoleteVersion extends Check {
  @Override
  public void check(RuleContext ctx) {
    YNode.Mapping root = ctx.file().root;
    YNode.Entry e = root.entry("version");
    if (e != null) {
      ctx.fix(
          e.key(),
          null,
          "the top-level `version` is obsolete: Compose ignores it and warns; remove it",
          "Remove the top-level `version`",
          ctx.patch().removeEntry(root, e));
    }
  }
}
