package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Refusal;
import dev.composefix.yaml.Routes;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Adds several items to a service's list-valued key in one go. */
final class Lists {
  private Lists() {}

  /**
   * Edits that add {@code items} to the list under {@code key}: appended to an existing list (each
   * allowed to change the whole list, since they go in side by side), written into an empty key, or
   * a new key; or a single refusal when the layout cannot take them (a scalar, a tagged list, ...).
   */
  static List<Patch> add(Patcher p, Service s, String key, List<?> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    YNode v = s.get(key);
    if (v == null) {
      return List.of(Fixes.addServiceKey(p, s, key, List.copyOf(items)));
    }
    if (v instanceof YNode.Scalar sc
        && sc.isNull()
        && s.own != null
        && s.own.entry(key) != null
        && s.own.entry(key).value().resolve() == v) {
      return List.of(p.fillEmpty(s.own, s.own.entry(key), List.copyOf(items)));
    }
    if (v instanceof YNode.Sequence seq && seq.tag == null) {
      List<Patch> out = new ArrayList<>();
      List<String> route = Routes.of(seq);
      if (seq.flow) {
        return List.of(p.addFlowItems(seq, items));
      }
      for (Object item : items) {
        Patch one = p.addItem(seq, item);
        if (!(one instanceof Edit e)) {
          return List.of(one);
        }
        out.add(new Edit(e.start(), e.end(), e.text(), e.target(), route, e.hoist()));
      }
      return out;
    }
    return Refusal.only(Refusal.Reason.UNSUPPORTED_LAYOUT);
  }

  /**
   * The edits in an order that keeps each insertion where it belongs when several land at one
   * offset (the end of a service): items appended to a list that ends the service, and values
   * written under an empty key, go before new keys, or they would read as part of the new key's
   * value (`read_only: true` followed by ` - /tmp` is one multi-line scalar).
   */
  static List<Patch> ordered(List<Patch> edits) {
    List<Patch> out = new ArrayList<>(edits);
    out.sort(Comparator.comparing(e -> e instanceof Edit x && x.hoist() != null)); // stable
    return out;
  }

  /**
   * The scalar items of a list-valued key, upper-cased when {@code upper}; a lone scalar counts as
   * one.
   */
  static List<String> values(Service s, String key, boolean upper) {
    List<String> out = new ArrayList<>();
    YNode v = s.get(key);
    if (v instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        String t = Fixes.text(i);
        if (t != null) {
          out.add(upper ? t.strip().toUpperCase() : t.strip());
        }
      }
    } else if (Fixes.text(v) != null) {
      out.add(upper ? Fixes.text(v).strip().toUpperCase() : Fixes.text(v).strip());
    }
    return out;
  }

  /** A scalar item of a list-valued key, with its node (where a finding about it points). */
  record Item(YNode node, String text) {}

  /** The scalar items of a list-valued key (a key that is not a list has none). */
  static List<Item> items(Service s, String key) {
    List<Item> out = new ArrayList<>();
    if (s.get(key) instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        String t = Fixes.text(i);
        if (t != null) {
          out.add(new Item(i, t));
        }
      }
    }
    return out;
  }
}
