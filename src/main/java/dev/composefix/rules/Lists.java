package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Routes;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.List;

/** Adds several items to a service's list-valued key in one go. */
final class Lists {
  private Lists() {}

  /**
   * Edits that add {@code items} to the list under {@code key}: appended to an existing list (each
   * allowed to change the whole list, since they go in side by side), written into an empty key, or
   * a new key. Null when the layout cannot take them (a scalar, a tagged list, ...).
   */
  static List<Edit> add(Patcher p, Service s, String key, List<?> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    YNode v = s.get(key);
    if (v == null) {
      Edit e = Fixes.addServiceKey(p, s, key, List.copyOf(items));
      return e == null ? null : List.of(e);
    }
    if (v instanceof YNode.Scalar sc
        && sc.isNull()
        && s.own != null
        && s.own.entry(key) != null
        && s.own.entry(key).value().resolve() == v) {
      Edit e = p.fillEmpty(s.own, s.own.entry(key), List.copyOf(items));
      return e == null ? null : List.of(e);
    }
    if (v instanceof YNode.Sequence seq && seq.tag == null) {
      List<Edit> out = new ArrayList<>();
      List<String> route = Routes.of(seq);
      if (seq.flow) {
        Edit e = p.addFlowItems(seq, items);
        return e == null ? null : List.of(e);
      }
      if (seq.items.isEmpty()) {
        // `[]`: one insertion with every item, comma-separated
        Edit e = p.addItem(seq, items.get(0));
        if (e == null) {
          return null;
        }
        StringBuilder text = new StringBuilder(e.text());
        for (Object item : items.subList(1, items.size())) {
          text.append(", ").append(dev.composefix.yaml.Render.flow(item, p.style()));
        }
        return List.of(new Edit(e.start(), e.end(), text.toString(), e.target(), route, e.hoist()));
      }
      for (Object item : items) {
        Edit e = p.addItem(seq, item);
        if (e == null) {
          return null;
        }
        out.add(new Edit(e.start(), e.end(), e.text(), e.target(), route, e.hoist()));
      }
      return out;
    }
    return null;
  }

  /**
   * The edits in an order that keeps each insertion where it belongs when several land at one
   * offset (the end of a service): items appended to a list that ends the service, and values
   * written under an empty key, go before new keys, or they would read as part of the new key's
   * value (`read_only: true` followed by ` - /tmp` is one multi-line scalar).
   */
  static List<Edit> ordered(List<Edit> edits) {
    List<Edit> out = new ArrayList<>(edits);
    out.sort(java.util.Comparator.comparing(e -> e.hoist() != null)); // stable
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
