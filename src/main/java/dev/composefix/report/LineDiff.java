package dev.composefix.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line diff that stays near-linear on large files. Myers' algorithm costs about D² for D changed
 * lines, and a fix run on a large file changes lines throughout it, so a 50,000-line file would
 * take seconds. Small inputs get plain Myers (the usual, minimal diff); large ones are first cut at
 * lines that occur once in each side and in the same order (patience anchors, found in O(n log n)),
 * and Myers runs on the small gaps between them.
 */
final class LineDiff {
  /** Below this many lines (both sides together) Myers runs on the whole input. */
  static final int DIRECT = 4000;

  /**
   * {@code aLen} lines at {@code aPos} of the old text became {@code bLen} lines at {@code bPos} of
   * the new.
   */
  record Delta(int aPos, int aLen, int bPos, int bLen) {}

  private LineDiff() {}

  static List<Delta> diff(List<String> a, List<String> b) {
    List<Delta> out = new ArrayList<>();
    if (a.size() + b.size() <= DIRECT) {
      myers(a, 0, a.size(), b, 0, b.size(), out);
      return out;
    }
    range(a, 0, a.size(), b, 0, b.size(), out, 0);
    return merge(out);
  }

  private static void range(
      List<String> a, int a0, int a1, List<String> b, int b0, int b1, List<Delta> out, int depth) {
    while (a0 < a1 && b0 < b1 && a.get(a0).equals(b.get(b0))) {
      a0++;
      b0++;
    }
    while (a1 > a0 && b1 > b0 && a.get(a1 - 1).equals(b.get(b1 - 1))) {
      a1--;
      b1--;
    }
    if (a0 == a1 || b0 == b1) {
      if (a0 < a1 || b0 < b1) {
        out.add(new Delta(a0, a1 - a0, b0, b1 - b0));
      }
      return;
    }
    if ((a1 - a0) + (b1 - b0) <= DIRECT || depth > 8) {
      myers(a, a0, a1, b, b0, b1, out);
      return;
    }
    int[][] anchors = anchors(a, a0, a1, b, b0, b1);
    if (anchors.length == 0) {
      myers(a, a0, a1, b, b0, b1, out);
      return;
    }
    int pa = a0;
    int pb = b0;
    for (int[] m : anchors) {
      range(a, pa, m[0], b, pb, m[1], out, depth + 1);
      pa = m[0] + 1;
      pb = m[1] + 1;
    }
    range(a, pa, a1, b, pb, b1, out, depth + 1);
  }

  /** Pairs (i, j) of lines unique in both ranges, a longest run increasing in both i and j. */
  private static int[][] anchors(List<String> a, int a0, int a1, List<String> b, int b0, int b1) {
    Map<String, int[]> seen =
        new HashMap<>(); // line -> {count in a, index in a, count in b, index in b}
    for (int i = a0; i < a1; i++) {
      int[] c = seen.computeIfAbsent(a.get(i), k -> new int[4]);
      c[0]++;
      c[1] = i;
    }
    for (int j = b0; j < b1; j++) {
      int[] c = seen.get(b.get(j));
      if (c != null) {
        c[2]++;
        c[3] = j;
      }
    }
    // candidates in the order of b, with their index in a
    List<int[]> cand = new ArrayList<>();
    for (int j = b0; j < b1; j++) {
      int[] c = seen.get(b.get(j));
      if (c != null && c[0] == 1 && c[2] == 1) {
        cand.add(new int[] {c[1], j});
      }
    }
    // longest increasing subsequence of the a-indexes (patience sorting)
    int n = cand.size();
    int[] tails = new int[n];
    int[] prev = new int[n];
    int len = 0;
    for (int k = 0; k < n; k++) {
      int ai = cand.get(k)[0];
      int lo = 0;
      int hi = len;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cand.get(tails[mid])[0] < ai) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      prev[k] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = k;
      if (lo == len) {
        len++;
      }
    }
    int[][] out = new int[len][];
    for (int k = len == 0 ? -1 : tails[len - 1], i = len - 1; k >= 0; k = prev[k], i--) {
      out[i] = cand.get(k);
    }
    return out;
  }

  private static void myers(
      List<String> a, int a0, int a1, List<String> b, int b0, int b1, List<Delta> out) {
    for (AbstractDelta<String> d :
        DiffUtils.diff(a.subList(a0, a1), b.subList(b0, b1)).getDeltas()) {
      out.add(
          new Delta(
              a0 + d.getSource().getPosition(),
              d.getSource().size(),
              b0 + d.getTarget().getPosition(),
              d.getTarget().size()));
    }
  }

  /** Deltas in order, touching ones joined (pieces from neighbouring gaps may meet). */
  private static List<Delta> merge(List<Delta> in) {
    List<Delta> out = new ArrayList<>(in.size());
    for (Delta d : in) {
      Delta last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null
          && last.aPos() + last.aLen() == d.aPos()
          && last.bPos() + last.bLen() == d.bPos()) {
        out.set(
            out.size() - 1,
            new Delta(last.aPos(), last.aLen() + d.aLen(), last.bPos(), last.bLen() + d.bLen()));
      } else {
        out.add(d);
      }
    }
    return out;
  }
}
