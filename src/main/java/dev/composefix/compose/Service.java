package dev.composefix.compose;

import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private Project.Chain chain;

  Service(ComposeFile file, String name, YNode key, YNode.Mapping own) {
    this.file = file;
    this.name = name;
    this.key = key;
    this.own = own;
  }

  public ComposeFile file() {
    return file;
  }

  /**
   * The effective value of a key, aliases resolved: own entries first, then merge sources in order;
   * and, when the service extends another or is part of a multi-file project, merged with those
   * layers the way compose merges them. A value that does not come from this file's own mapping
   * alone is a detached copy: read it, but it cannot be edited.
   */
  public YNode get(String k) {
    if (own == null) {
      return null;
    }
    Project.Chain c = chain();
    if (c.maps().size() == 1 && c.live() == 0) {
      return lookup(own, k, 0);
    }
    List<YNode> values = new ArrayList<>();
    for (YNode.Mapping m : c.maps()) {
      values.add(lookup(m, k, 0));
    }
    return Merge.values(k, values, c.live());
  }

  /**
   * True when a layer merged after this file's own mapping (an override file) sets the key with
   * {@code !reset} or {@code !override}: a value added here would not show in the merged view.
   */
  public boolean resetLater(String k) {
    if (own == null) {
      return false;
    }
    Project.Chain c = chain();
    for (int i = c.live() + 1; i < c.maps().size(); i++) {
      YNode v = lookup(c.maps().get(i), k, 0);
      if (v != null && ("!reset".equals(v.tag) || "!override".equals(v.tag))) {
        return true;
      }
    }
    return false;
  }

  Project.Chain chain() {
    if (chain == null) {
      chain = file.member == null ? Project.alone(this) : file.member.chain(this);
    }
    return chain;
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

  /**
   * The services of this same file that this one extends, nearest first (an {@code extends} without
   * {@code file}); empty when it extends nothing here.
   */
  public List<String> extendsHere() {
    List<String> out = new ArrayList<>();
    Service s = this;
    while (s != null && s.own != null && out.size() < 16) {
      YNode ext = lookup(s.own, "extends", 0);
      String target =
          ext instanceof YNode.Scalar sc && !sc.isNull()
              ? sc.value
              : ext instanceof YNode.Mapping m
                      && m.get("file") == null
                      && m.get("service") instanceof YNode.Scalar sv
                  ? sv.value
                  : null;
      if (target == null || out.contains(target) || target.equals(name)) {
        break;
      }
      out.add(target);
      s = file.service(target);
    }
    return out;
  }

  /** The image reference, or null. */
  public String image() {
    return text("image");
  }

  /**
   * True when this service cannot be judged from what is known: it lives in an override file whose
   * base is not known for sure (or in a file of a project whose earlier files cannot be read), it
   * extends a service that cannot be found, or its merged view has neither image nor build (so some
   * other file must complete it). Rules that would add a default give such a service a finding, not
   * a fix.
   */
  public boolean partial() {
    if (own != null && chain().broken()) {
      return true;
    }
    if (file.member == null ? file.override() : !file.member.knownRole()) {
      return true;
    }
    return !has("image") && !has("build");
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
      // merge keys followed: `<<: *common-depends-on` brings its entries, and an entry's
      // condition may itself come from a merged mapping
      for (String k : m.keys()) {
        String cond =
            m.lookup(k) instanceof YNode.Mapping c
                    && c.lookup("condition") instanceof YNode.Scalar cs
                ? cs.value
                : null;
        out.put(k, cond);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
