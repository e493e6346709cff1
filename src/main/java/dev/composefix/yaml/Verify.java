package dev.composefix.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two trees value by value, aliases as references, outside a set of routes that were
 * allowed to change. Finds what an edit changed that it was not meant to.
 */
public final class Verify {
  private final Set<String> allowed = new HashSet<>();
  private boolean additionsAllowed;
  private EditPolicy policy = EditPolicy.NONE;

  /** The splices that made b from a, by offset, or null: then every node is compared. */
  private int[] editStart;

  private int[] editEnd;
  private int[] shiftAfter;

  public Verify(List<List<String>> routes) {
    for (List<String> r : routes) {
      allowed.add(String.join("\u0000", r));
    }
  }

  /**
   * Whether a route is allowed to change. Every caller has already checked the route's parent (the
   * walk stops at a covered node), so only the whole route is looked up: one lookup per node.
   */
  private boolean covered(List<String> path) {
    if (allowed.contains("")) {
      return true;
    }
    return !path.isEmpty() && allowed.contains(String.join("\u0000", path));
  }

  /**
   * Tells the comparison which splices made the new text, so that a subtree no splice touched is
   * not walked: its text is the same, and when the parser put it at the same place (shifted by the
   * splices before it), it has the same value. A splice that changes how later text parses (one
   * that opens a block scalar, say) moves or resizes the nodes after it, and those are walked.
   */
  public Verify withEdits(List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
    editStart = new int[sorted.size()];
    editEnd = new int[sorted.size()];
    shiftAfter = new int[sorted.size()];
    int shift = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Edit e = sorted.get(i);
      editStart[i] = e.start();
      editEnd[i] = e.end();
      shift += e.text().length() - (e.end() - e.start());
      shiftAfter[i] = shift;
    }
    return this;
  }

  /** Whether the old node's span is untouched and the new node stands exactly where it moved to. */
  private boolean untouched(YNode a, YNode b) {
    if (editStart == null || a.getClass() != b.getClass()) {
      return false;
    }
    int s = a.start();
    int e = a.end();
    // the splices that start at or before the node's start: the last of them must end by then
    int lo = 0;
    int hi = editStart.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (editStart[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int shift = 0;
    if (lo > 0) {
      if (editEnd[lo - 1] > s) {
        return false; // a replacement reaching into the node
      }
      shift = shiftAfter[lo - 1];
    }
    if (lo < editStart.length && editStart[lo] < e) {
      return false; // a splice inside the node
    }
    return b.start() == s + shift && b.end() == e + shift;
  }

  /** The route of the first difference outside the allowed routes, or null when there is none. */
  public String firstDifference(YNode a, YNode b) {
    List<String> path = new ArrayList<>();
    return diff(a, b, path) ? Routes.text(path) : null;
  }

  /**
   * The route of the first value of {@code a} that {@code b} lost or changed, where {@code b} may
   * add keys and items anywhere and may make the migrations the policy documents (for compose: the
   * top-level version removed, a depends_on list turned into a mapping with the same services).
   */
  public String firstLost(YNode a, YNode b, EditPolicy policy) {
    additionsAllowed = true;
    this.policy = policy;
    allowed.addAll(policy.removable());
    List<String> path = new ArrayList<>();
    return diff(a, b, path) ? Routes.text(path) : null;
  }

  private boolean diff(YNode a, YNode b, List<String> path) {
    if (covered(path)) {
      return false;
    }
    if (a != null
        && b != null
        && untouched(a, b)
        && Objects.equals(a.anchor, b.anchor)
        && Objects.equals(a.tag, b.tag)) {
      return false;
    }
    if (additionsAllowed && a == null) {
      return false;
    }
    Boolean migrated = additionsAllowed ? policy.migrationLoses(path, a, b) : null;
    if (migrated != null) {
      return migrated;
    }
    if (a == null || b == null) {
      return a != b;
    }
    if (a.getClass() != b.getClass()
        || !Objects.equals(a.anchor, b.anchor)
        || !Objects.equals(a.tag, b.tag)) {
      return true;
    }
    if (a instanceof YNode.Scalar sa) {
      YNode.Scalar sb = (YNode.Scalar) b;
      return !sa.value.equals(sb.value) || sa.plain() != sb.plain();
    }
    if (a instanceof YNode.Alias aa) {
      return !aa.name.equals(((YNode.Alias) b).name);
    }
    if (a instanceof YNode.Sequence qa) {
      YNode.Sequence qb = (YNode.Sequence) b;
      int n = Math.max(qa.items.size(), qb.items.size());
      for (int i = 0; i < n; i++) {
        path.add(String.valueOf(i));
        YNode x = i < qa.items.size() ? qa.items.get(i) : null;
        YNode y = i < qb.items.size() ? qb.items.get(i) : null;
        if (diff(x, y, path)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
      return false;
    }
    YNode.Mapping ma = (YNode.Mapping) a;
    YNode.Mapping mb = (YNode.Mapping) b;
    int complexA = 0;
    for (YNode.Entry e : ma.entries) {
      String k = e.keyText();
      if (k == null) {
        complexA++;
        continue;
      }
      path.add(k);
      YNode.Entry other = mb.entry(k);
      if (diff(e.value(), other == null ? null : other.value(), path)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    int complexB = 0;
    for (YNode.Entry e : mb.entries) {
      String k = e.keyText();
      if (k == null) {
        complexB++;
        continue;
      }
      if (ma.entry(k) == null && !additionsAllowed) {
        path.add(k);
        if (!covered(path)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return additionsAllowed ? complexA > complexB : complexA != complexB;
  }
}
