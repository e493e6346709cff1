package dev.composefix.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts that {@code git apply} and {@code patch -p1} take as they are: lines
 * keep their own endings (so CRLF files diff as CRLF), and a last line without a line break is
 * marked "\ No newline at end of file".
 */
public final class UnifiedDiff {
  public static final int CONTEXT = 3;

  private UnifiedDiff() { }

  /** Splits after each '\n', keeping it; a last piece without one is kept as it is. */
  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int at = 0;
    for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', at)) {
      out.add(s.substring(at, i + 1));
      at = i + 1;
    }
    if (at < s.length()) {
      out.add(s.substring(at));
    }
    return out;
  }

  /** The diff, or "" when the texts are equal. {@code rel} is the path shown after a/ and b/. */
  public static String of(String rel, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
    StringBuilder out = new StringBuilder();
    out.append("--- a/").append(rel).append('\n').append("+++ b/").append(rel).append('\n');
    int i = 0;
    while (i < deltas.size()) {
      int j = i;
      // join deltas whose context would touch
      while (j + 1 < deltas.size()
          && deltas.get(j + 1).getSource().getPosition()
              - (deltas.get(j).getSource().getPosition() + deltas.get(j).getSource().size()) <= 2 * CONTEXT) {
        j++;
      }
      AbstractDelta<String> first = deltas.get(i);
      AbstractDelta<String> last = deltas.get(j);
      int aStart = Math.max(0, first.getSource().getPosition() - CONTEXT);
      int aEnd = Math.min(a.size(), last.getSource().getPosition() + last.getSource().size() + CONTEXT);
      int bStart = first.getTarget().getPosition() - (first.getSource().getPosition() - aStart);
      int bEnd = last.getTarget().getPosition() + last.getTarget().size()
          + (aEnd - (last.getSource().getPosition() + last.getSource().size()));
      out.append("@@ -").append(range(aStart, aEnd - aStart)).append(" +").append(range(bStart, bEnd - bStart))
          .append(" @@\n");
      int pos = aStart;
      for (int k = i; k <= j; k++) {
        AbstractDelta<String> d = deltas.get(k);
        for (; pos < d.getSource().getPosition(); pos++) {
          line(out, ' ', a.get(pos));
        }
        for (String l : d.getSource().getLines()) {
          line(out, '-', l);
        }
        for (String l : d.getTarget().getLines()) {
          line(out, '+', l);
        }
        pos = d.getSource().getPosition() + d.getSource().size();
      }
      for (; pos < aEnd; pos++) {
        line(out, ' ', a.get(pos));
      }
      i = j + 1;
    }
    return out.toString();
  }

  private static String range(int start, int len) {
    return (len == 0 ? start : start + 1) + "," + len;
  }

  private static void line(StringBuilder out, char tag, String l) {
    out.append(tag).append(l);
    if (!l.endsWith("\n")) {
      out.append("\n\\ No newline at end of file\n");
    }
  }
}
