package dev.composefix.compose;

import dev.composefix.yaml.Detached;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compose's merge of one attribute over several layers (base file, override files, extended
 * services), read-only. A merged value that is not one node of one document is built as a detached
 * tree: it has no parent and belongs to no document, so no edit can be aimed at it ({@code Patcher}
 * refuses nodes outside its document).
 *
 * <p>Rules, after the compose specification ("Merge"): mappings are merged key by key, the later
 * layer winning; sequences are appended, except {@code command}, {@code entrypoint} and {@code
 * healthcheck.test}, which the later layer replaces; {@code depends_on}, {@code environment} and
 * {@code labels} merge as mappings whatever their form; a {@code logging} block with another driver
 * replaces the earlier one whole; a scalar replaces; a value tagged {@code !override} replaces
 * whatever came before; {@code !reset} removes it.
 */
public final class Merge {
  /** Attributes whose sequences are replaced, not appended, as routes below the service. */
  private static final Set<String> REPLACED = Set.of("command", "entrypoint", "healthcheck.test");

  /** Attributes written either as a list or as a mapping; compose merges them as mappings. */
  private static final Set<String> LIST_OR_MAP = Set.of("depends_on", "environment", "labels");

  private static final int MAX_COPY = 20_000;

  private Merge() {}

  /**
   * Merges the values one attribute has in successive layers (lowest priority first; null where a
   * layer does not set it). {@code route} is the attribute's name below the service, e.g.
   * "logging". {@code live} is the index of the only layer whose nodes may be returned as they are
   * (the file being fixed, own mapping); -1 for none. Returns null when the attribute is unset.
   */
  public static YNode values(String route, List<YNode> layers, int live) {
    int from = -1;
    List<YNode> parts = new ArrayList<>();
    boolean normalize =
        parts(layers).anyMatch(v -> v instanceof YNode.Mapping)
            && parts(layers).anyMatch(v -> v instanceof YNode.Sequence)
            && LIST_OR_MAP.contains(route);
    for (int i = 0; i < layers.size(); i++) {
      YNode v = layers.get(i) == null ? null : layers.get(i).resolve();
      if (v == null) {
        continue;
      }
      if (normalize && v instanceof YNode.Sequence q) {
        v = asMapping(route, q);
      }
      if ("!reset".equals(v.tag)) {
        parts.clear();
        from = -1;
        continue;
      }
      if ("!override".equals(v.tag)
          || parts.isEmpty()
          || !sameKind(parts.get(0), v)
          || v instanceof YNode.Scalar
          || (v instanceof YNode.Sequence && REPLACED.contains(route))) {
        parts.clear();
        from = i;
      } else {
        from = -2; // several layers contribute
      }
      parts.add(v);
    }
    if (parts.isEmpty()) {
      return null;
    }
    if (parts.size() == 1 && from == live && live >= 0) {
      return parts.get(0);
    }
    int[] budget = {MAX_COPY};
    YNode acc = null;
    for (YNode p : parts) {
      acc = acc == null ? Detached.copy(p, budget) : combine(route, acc, p, budget);
    }
    return acc;
  }

  private static YNode resolved(YNode n) {
    return n == null ? null : n.resolve();
  }

  private static Stream<YNode> parts(List<YNode> layers) {
    return layers.stream().filter(Objects::nonNull).map(YNode::resolve);
  }

  /** The mapping form of a list-form attribute ({@code - name}, {@code - KEY=value}), detached. */
  private static YNode.Mapping asMapping(String route, YNode.Sequence q) {
    YNode.Mapping m = Detached.mapping(q.tag, false);
    for (YNode i : q.items) {
      if (i.resolve() instanceof YNode.Scalar sc) {
        int eq = route.equals("depends_on") ? -1 : sc.value.indexOf('=');
        m.entries.add(
            new YNode.Entry(
                Detached.scalar(eq < 0 ? sc.value : sc.value.substring(0, eq)),
                eq < 0
                    ? Detached.scalar("")
                    : Detached.scalar(
                        null, sc.value.substring(eq + 1), YNode.Style.DOUBLE_QUOTED)));
      }
    }
    return m;
  }

  private static boolean sameKind(YNode a, YNode b) {
    return (a instanceof YNode.Mapping && b instanceof YNode.Mapping)
        || (a instanceof YNode.Sequence && b instanceof YNode.Sequence);
  }

  /** Merges a later layer's value into a detached accumulated one. */
  private static YNode combine(String route, YNode acc, YNode later, int[] budget) {
    if (route.equals("logging")
        && acc instanceof YNode.Mapping am
        && later instanceof YNode.Mapping lm
        && am.get("driver") instanceof YNode.Scalar ad
        && resolved(Detached.entries(lm).get("driver")) instanceof YNode.Scalar ld
        && !ad.value.equals(ld.value)) {
      // another driver: compose takes the later logging block whole
      return Detached.copy(later, budget);
    }
    if (acc instanceof YNode.Mapping am && later instanceof YNode.Mapping lm) {
      Map<String, YNode> keys = new LinkedHashMap<>();
      for (YNode.Entry e : am.entries) {
        keys.put(e.keyText(), e.value());
      }
      for (Map.Entry<String, YNode> e : Detached.entries(lm).entrySet()) {
        String r = route + "." + e.getKey();
        YNode v = e.getValue().resolve();
        YNode before = keys.get(e.getKey());
        if ("!reset".equals(v.tag)) {
          keys.remove(e.getKey());
        } else if (before == null
            || "!override".equals(v.tag)
            || !sameKind(before, v)
            || v instanceof YNode.Scalar
            || (v instanceof YNode.Sequence && REPLACED.contains(r))) {
          keys.put(e.getKey(), Detached.copy(v, budget));
        } else {
          keys.put(e.getKey(), combine(r, before, v, budget));
        }
      }
      YNode.Mapping m = Detached.mapping(null, false);
      keys.forEach((k, v) -> m.entries.add(new YNode.Entry(Detached.scalar(k), v)));
      return m;
    }
    if (acc instanceof YNode.Sequence as && later instanceof YNode.Sequence ls) {
      YNode.Sequence s = Detached.sequence(null, false);
      s.items.addAll(as.items);
      for (YNode i : ls.items) {
        YNode c = Detached.copy(i, budget);
        if (c instanceof YNode.Scalar cs
            && s.items.stream()
                .anyMatch(x -> x instanceof YNode.Scalar xs && xs.value.equals(cs.value))) {
          continue;
        }
        s.items.add(c);
      }
      return s;
    }
    return Detached.copy(later, budget);
  }
}
