package dev.composefix.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** Applies a batch of edits to a text in one pass. */
public final class Splicer {
  private Splicer() {}

  /**
   * The edits that can go together: duplicates merged, the later of two overlapping edits dropped.
   */
  public static List<Edit> compatible(List<Edit> edits) {
    List<Edit> kept = new ArrayList<>();
    // kept edits by start offset: an edit can only clash with kept ones that start within the
    // longest kept replacement before it, so each check looks at a few neighbours, not at all
    TreeMap<Integer, List<Edit>> byStart = new TreeMap<>();
    int longest = 0;
    outer:
    for (Edit e : edits) {
      for (List<Edit> near : byStart.subMap(e.start() - longest, true, e.end(), true).values()) {
        for (Edit k : near) {
          if (k.sameSplice(e) || k.overlaps(e)) {
            continue outer;
          }
        }
      }
      kept.add(e);
      byStart.computeIfAbsent(e.start(), x -> new ArrayList<>(1)).add(e);
      longest = Math.max(longest, e.end() - e.start());
    }
    return kept;
  }

  /** Whether any edit of {@code a} overlaps, or is the same splice as, any edit of {@code b}. */
  public static boolean anyClash(List<Edit> a, List<Edit> b) {
    TreeMap<Integer, List<Edit>> byStart = new TreeMap<>();
    int longest = 0;
    for (Edit k : b) {
      byStart.computeIfAbsent(k.start(), x -> new ArrayList<>(1)).add(k);
      longest = Math.max(longest, k.end() - k.start());
    }
    for (Edit e : a) {
      for (List<Edit> near : byStart.subMap(e.start() - longest, true, e.end(), true).values()) {
        for (Edit k : near) {
          if (k.sameSplice(e) || k.overlaps(e)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Applies non-overlapping edits; insertions at one offset keep the order they were given in. */
  public static String apply(String text, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start)); // stable: equal offsets keep their order
    StringBuilder b = new StringBuilder(text.length() + 256);
    int at = 0;
    for (Edit e : sorted) {
      b.append(text, at, e.start()).append(e.text());
      at = Math.max(at, e.end());
    }
    return b.append(text, at, text.length()).toString();
  }
}
