package dev.composefix.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Routes: the path of keys and item indexes from the root to a node, e.g. services.web.volumes.0.
 */
public final class Routes {
  private Routes() {}

  /** The route of a node from its document's root, following its parents. */
  public static List<String> of(YNode node) {
    List<String> out = new ArrayList<>();
    YNode child = node;
    for (YNode p = node.parent; p != null; child = p, p = p.parent) {
      if (p instanceof YNode.Mapping m) {
        String step = null;
        // the parser recorded where each node sits, so no scan of a large mapping is needed
        YNode.Entry at =
            child.slot >= 0 && child.slot < m.entries.size() ? m.entries.get(child.slot) : null;
        boolean known = at != null && (at.value() == child || at.key() == child);
        for (YNode.Entry e : known ? List.of(at) : m.entries) {
          if (e.value() == child) {
            step = e.keyText() == null ? "?" + e.key().start() : e.keyText();
            break;
          }
          if (e.key() == child) {
            step = "?key" + child.start();
            break;
          }
        }
        out.add(step == null ? "?" : step);
      } else if (p instanceof YNode.Sequence s) {
        out.add(String.valueOf(indexOf(s.items, child)));
      }
    }
    Collections.reverse(out);
    return out;
  }

  private static int indexOf(List<YNode> items, YNode child) {
    if (child.slot >= 0 && child.slot < items.size() && items.get(child.slot) == child) {
      return child.slot;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == child) {
        return i;
      }
    }
    return -1;
  }

  public static List<String> child(List<String> route, String step) {
    List<String> r = new ArrayList<>(route.size() + 1);
    r.addAll(route);
    r.add(step);
    return r;
  }

  public static String text(List<String> route) {
    return String.join(".", route);
  }
}
