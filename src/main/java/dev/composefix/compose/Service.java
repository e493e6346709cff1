package dev.composefix.compose;

import dev.composefix.yaml.YNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;

/**
 * A read-only view of one service: its own mapping, and its effective values with merge keys
 * ({@code <<: *x}) followed the way compose reads them.
 */
public final class Service {
  private static final int MAX_MERGE_DEPTH = 32;

  public final String name;
  /** The service's key node (where findings point). */
  public final YNode key;
  /** The service's own mapping (an alias resolved), or null when the value is not a mapping. */
  public final YNode.Mapping own;
  private final ComposeFile file;

  Service(ComposeFile file, String name, YNode key, YNode.Mapping own) {
    this.file = file;
    this.name = name;
    this.key = key;
    this.own = own;
  }

  public ComposeFile file() {
    return file;
  }

  /** The effective value of a key (own entries first, then merge sources in order), aliases resolved. */
  public YNode get(String k) {
    return own == null ? null : lookup(own, k, 0);
  }

  public boolean has(String k) {
    return get(k) != null;
  }

  /** The effective value as text when it is a scalar, else null. */
  public String text(String k) {
    return get(k) instanceof YNode.Scalar s && !s.isNull() ? s.value : null;
  }

  static YNode lookup(YNode.Mapping m, String k, int depth) {
    return lookup(m, k, depth, null);
  }

  /**
   * Own entries first, then the merge sources in order, depth first. A mapping met twice in one
   * lookup (merge lists that share sources) is not searched again: it gave no answer the first
   * time. That keeps a lookup linear in the number of mappings, where merge lists nested like an
   * alias bomb would otherwise make it exponential.
   */
  private static YNode lookup(YNode.Mapping m, String k, int depth, Set<YNode.Mapping> visited) {
    YNode.Entry e = m.entry(k);
    if (e != null && !"<<".equals(k)) {
      return e.value().resolve();
    }
    if (depth > MAX_MERGE_DEPTH) {
      return null;
    }
    YNode.Entry merge = m.entry("<<");
    if (merge == null) {
      return null;
    }
    YNode v = merge.value().resolve();
    if (v instanceof YNode.Mapping mm) {
      return lookup(mm, k, depth + 1, visited);
    }
    if (v instanceof YNode.Sequence s) {
      for (YNode i : s.items) {
        if (i.resolve() instanceof YNode.Mapping mm) {
          if (visited == null) {
            visited = Collections.newSetFromMap(new IdentityHashMap<>());
          }
          if (!visited.add(mm)) {
            continue;
          }
          YNode r = lookup(mm, k, depth + 1, visited);
          if (r != null) {
            return r;
          }
        }
      }
    }
    return null;
  }

  /** The image reference, or null. */
  public String image() {
    return text("image");
  }

  /**
   * True when this service cannot be judged alone: it lives in an override file, extends another,
   * or has neither image nor build (so another file must complete it). Rules that would add a
   * default give such a service a finding, not a fix.
   */
  public boolean partial() {
    return file.override() || has("extends") || (!has("image") && !has("build"));
  }

  /** depends_on as name to condition (null for the short list form), in order. */
  public Map<String, String> dependsOn() {
    Map<String, String> out = new LinkedHashMap<>();
    YNode d = get("depends_on");
    if (d instanceof YNode.Sequence s) {
      for (YNode i : s.items) {
        if (i.resolve() instanceof YNode.Scalar sc) {
          out.put(sc.value, null);
        }
      }
    } else if (d instanceof YNode.Mapping m) {
      for (YNode.Entry e : m.entries) {
        if (e.keyText() != null) {
          String cond = e.value().resolve() instanceof YNode.Mapping c && c.get("condition") instanceof YNode.Scalar cs
              ? cs.value : null;
          out.put(e.keyText(), cond);
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
