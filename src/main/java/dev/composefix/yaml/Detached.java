package dev.composefix.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nodes that belong to no document: no parent, no position. A value built from several places (a
 * merge of layers, say) is made of them, so no edit can be aimed at it ({@link Patcher} refuses
 * nodes outside its document).
 */
public final class Detached {
  private Detached() {}

  /** An empty detached mapping. */
  public static YNode.Mapping mapping(String tag, boolean flow) {
    return new YNode.Mapping(0, 0, null, tag, flow);
  }

  /** An empty detached sequence. */
  public static YNode.Sequence sequence(String tag, boolean flow) {
    return new YNode.Sequence(0, 0, null, tag, flow);
  }

  /** A detached scalar. */
  public static YNode.Scalar scalar(String tag, String value, YNode.Style style) {
    return new YNode.Scalar(0, 0, null, tag, value, style);
  }

  /** A mapping's entries by key, merge keys ({@code <<}) followed, own entries first. */
  public static Map<String, YNode> entries(YNode.Mapping m) {
    return entries(m, 0);
  }

  private static Map<String, YNode> entries(YNode.Mapping m, int depth) {
    Map<String, YNode> out = new LinkedHashMap<>();
    for (YNode.Entry e : m.entries) {
      if (e.keyText() != null && !"<<".equals(e.keyText())) {
        out.putIfAbsent(e.keyText(), e.value());
      }
    }
    if (depth < YNode.Mapping.MAX_MERGE_DEPTH) {
      for (YNode.Mapping src : m.mergeSources()) {
        entries(src, depth + 1).forEach(out::putIfAbsent);
      }
    }
    return out;
  }

  /** A detached plain scalar. */
  public static YNode.Scalar scalar(String text) {
    return scalar(null, text, YNode.Style.PLAIN);
  }

  /**
   * A detached copy (aliases and merge keys resolved), bounded in size: each node spends one of
   * {@code budget[0]}, and past it (or past {@link Document#MAX_DEPTH}) an empty scalar stands in.
   */
  public static YNode copy(YNode n, int[] budget) {
    return copy(n, budget, 0);
  }

  private static YNode copy(YNode n, int[] budget, int depth) {
    n = n.resolve();
    if (--budget[0] < 0 || depth > Document.MAX_DEPTH) {
      return scalar("");
    }
    if (n instanceof YNode.Scalar s) {
      return scalar(s.tag, s.value, s.style);
    }
    if (n instanceof YNode.Mapping m) {
      YNode.Mapping c = mapping(m.tag, m.flow);
      for (Map.Entry<String, YNode> e : entries(m).entrySet()) {
        c.entries.add(new YNode.Entry(scalar(e.getKey()), copy(e.getValue(), budget, depth + 1)));
      }
      return c;
    }
    if (n instanceof YNode.Sequence q) {
      YNode.Sequence c = sequence(q.tag, q.flow);
      for (YNode i : q.items) {
        c.items.add(copy(i, budget, depth + 1));
      }
      return c;
    }
    return scalar("");
  }
}
