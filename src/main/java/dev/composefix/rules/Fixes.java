package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Hoist;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Refusal;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.YNode;
import java.util.List;

/** Edits that several rules make the same way. */
final class Fixes {
  private Fixes() {}

  /**
   * What a finding adds for a service whose file only completes it (an overlay or an extended
   * service): the fix belongs in the file that defines the service.
   */
  static final String PARTIAL =
      " (in the file that defines the service: this one only completes it)";

  /**
   * Adds a key to a service's own mapping. Tagged for hoisting, so that services sharing one
   * anchored mapping get it once, in that mapping. A refusal when the service has no mapping of its
   * own here, or a later file of the project resets or overrides the key, so the value would not
   * take effect.
   */
  static Patch addServiceKey(Patcher p, Service s, String key, Object value) {
    if (s.own == null) {
      return Refusal.of(Refusal.Reason.NO_OWN_MAPPING);
    }
    if (s.resetLater(key)) {
      return Refusal.of(Refusal.Reason.RESET_LATER);
    }
    return p.addEntry(s.own, key, value, new Hoist(key, Render.flow(value, p.style()), value));
  }

  /**
   * The fix of a rule that adds one key to a service: {@link #addServiceKey} as the finding's fix,
   * or, for a service whose file only completes it (the service is defined in another file), the
   * finding alone, pointing to that file.
   */
  static void addKey(
      RuleContext ctx, Service s, String message, String title, String key, Object value) {
    if (s.partial()) {
      ctx.report(s.key, s, message + PARTIAL);
      return;
    }
    ctx.fix(s.key, s, message, title, addServiceKey(ctx.patch(), s, key, value));
  }

  /**
   * Adds a value to a list-valued key: appends to the list, fills an empty key, or creates the key.
   */
  static Patch addToList(Patcher p, Service s, String key, Object item) {
    YNode v = s.get(key);
    if (v == null) {
      return addServiceKey(p, s, key, List.of(item));
    }
    if (v instanceof YNode.Sequence seq && seq.tag == null) {
      return p.addItem(seq, item);
    }
    if (v instanceof YNode.Scalar sc && sc.isNull() && s.own != null && s.own.entry(key) != null) {
      return p.fillEmpty(s.own, s.own.entry(key), List.of(item));
    }
    return Refusal.of(Refusal.Reason.UNSUPPORTED_LAYOUT);
  }

  /** The scalar text of a node, or null. */
  static String text(YNode n) {
    return n != null && n.resolve() instanceof YNode.Scalar s && !s.isNull() ? s.value : null;
  }
}
