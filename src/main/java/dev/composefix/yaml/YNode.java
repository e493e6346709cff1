package dev.composefix.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of a parsed YAML document, positioned by character offsets into the document text. Aliases
 * stay aliases (they point at their anchored node), so the tree is linear in the size of the text
 * whatever the aliases expand to.
 */
public abstract sealed class YNode
    permits YNode.Scalar, YNode.Mapping, YNode.Sequence, YNode.Alias {
  private final int start;
  int end;

  /** Anchor name, or null. */
  public final String anchor;

  /** Explicit tag such as {@code !reset}, or null. */
  public final String tag;

  YNode parent;

  /**
   * Index of this node in its parent: item index, or entry index for a key or a value (-1:
   * unknown).
   */
  int slot = -1;

  YNode(int start, int end, String anchor, String tag) {
    this.start = start;
    this.end = end;
    this.anchor = anchor;
    this.tag = tag;
  }

  /** Offset of the first character of the node (after any anchor or tag). */
  public int start() {
    return start;
  }

  /** Offset just past the node as the parser reports it. */
  public int end() {
    return end;
  }

  public YNode parent() {
    return parent;
  }

  /** The node itself, or the anchored node an alias points at. */
  public YNode resolve() {
    return this;
  }

  public enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  public static final class Scalar extends YNode {
    public final String value;
    public final Style style;

    Scalar(int start, int end, String anchor, String tag, String value, Style style) {
      super(start, end, anchor, tag);
      this.value = value;
      this.style = style;
    }

    public boolean plain() {
      return style == Style.PLAIN;
    }

    /** True for an absent value ({@code key:} with nothing after it, or {@code ~}/{@code null}). */
    public boolean isNull() {
      return style == Style.PLAIN
          && tag == null
          && (value.isEmpty()
              || value.equals("~")
              || value.equals("null")
              || value.equals("Null")
              || value.equals("NULL"));
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** One key/value pair of a mapping. */
  public record Entry(YNode key, YNode value) {
    /** The key as text when it is a scalar, otherwise null. */
    public String keyText() {
      return key instanceof Scalar s ? s.value : null;
    }

    // written out (the same as a record's own): the generated ones go through a method-handle
    // bootstrap that a short run pays for in the interpreter, and lists of entries are searched
    // often
    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.key == key && e.value == value;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(key) + System.identityHashCode(value);
    }
  }

  public static final class Mapping extends YNode {
    /** How deep merge keys are followed: a bound for merges that reach through each other. */
    static final int MAX_MERGE_DEPTH = 32;

    public final boolean flow;
    public final List<Entry> entries = new ArrayList<>();
    private Map<String, Entry> index;

    Mapping(int start, int end, String anchor, String tag, boolean flow) {
      super(start, end, anchor, tag);
      this.flow = flow;
    }

    /** The entry with this scalar key among the mapping's own entries (merge keys not followed). */
    public Entry entry(String key) {
      if (entries.size() > 8) {
        if (index == null) {
          index = new HashMap<>();
          for (Entry e : entries) {
            String k = e.keyText();
            if (k != null) {
              index.putIfAbsent(k, e);
            }
          }
        }
        return index.get(key);
      }
      // indexed, not for-each: this runs for every key lookup, and C1 code allocates an iterator
      // each time
      for (int i = 0, n = entries.size(); i < n; i++) {
        Entry e = entries.get(i);
        if (key.equals(e.keyText())) {
          return e;
        }
      }
      return null;
    }

    /**
     * The value of a key, aliases resolved, or null: the own entry, else the one a merge key
     * ({@code <<: *a}) brings, as YAML defines it (see {@link #lookup}); {@link #entry} is the own
     * entry only.
     */
    public YNode get(String key) {
      return lookup(key);
    }

    /**
     * The value of a key the way YAML merge keys define it, aliases resolved: the own entry first,
     * then the merge sources ({@code <<: *a} or {@code <<: [*a, *b]}) in order; null when none sets
     * it. A value found through a merge belongs to the anchored mapping.
     */
    public YNode lookup(String key) {
      return lookup(key, 0);
    }

    private YNode lookup(String key, int depth) {
      Entry e = entry(key);
      if (e != null || "<<".equals(key)) {
        return e == null ? null : e.value.resolve();
      }
      if (depth > MAX_MERGE_DEPTH) {
        return null;
      }
      for (Mapping src : mergeSources()) {
        YNode r = src.lookup(key, depth + 1);
        if (r != null) {
          return r;
        }
      }
      return null;
    }

    /** The mappings this one merges with {@code <<}, in order (empty when it merges none). */
    public List<Mapping> mergeSources() {
      Entry merge = entry("<<");
      if (merge == null) {
        return List.of();
      }
      YNode v = merge.value.resolve();
      if (v instanceof Mapping mm) {
        return List.of(mm);
      }
      List<Mapping> out = new ArrayList<>();
      if (v instanceof Sequence s) {
        for (YNode i : s.items) {
          if (i.resolve() instanceof Mapping mm) {
            out.add(mm);
          }
        }
      }
      return out;
    }

    /**
     * The keys of this mapping with those it merges, own keys first, each once ({@code <<} left
     * out).
     */
    public List<String> keys() {
      LinkedHashSet<String> out = new LinkedHashSet<>();
      keys(out, 0);
      return new ArrayList<>(out);
    }

    private void keys(Set<String> out, int depth) {
      for (Entry e : entries) {
        String k = e.keyText();
        if (k != null && !"<<".equals(k)) {
          out.add(k);
        }
      }
      if (depth <= MAX_MERGE_DEPTH) {
        for (Mapping src : mergeSources()) {
          src.keys(out, depth + 1);
        }
      }
    }
  }

  public static final class Sequence extends YNode {
    public final boolean flow;
    public final List<YNode> items = new ArrayList<>();

    Sequence(int start, int end, String anchor, String tag, boolean flow) {
      super(start, end, anchor, tag);
      this.flow = flow;
    }
  }

  public static final class Alias extends YNode {
    public final String name;
    YNode target;

    Alias(int start, int end, String name, YNode target) {
      super(start, end, null, null);
      this.name = name;
      this.target = target;
    }

    public YNode target() {
      return target;
    }

    @Override
    public YNode resolve() {
      return target;
    }
  }
}
