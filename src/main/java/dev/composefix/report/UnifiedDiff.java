package dev.composefix.report;

import dev.composefix.report.LineDiff.Delta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts that {@code git apply} and {@code patch -p1} take as they are: lines
 * keep their own endings (so CRLF files diff as CRLF), and a last line without a line break is
 * marked "\ No newline at end of file".
 */
public final class UnifiedDiff {
  public static final int CONTEXT = 3;

  private UnifiedDiff() {}

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
    return before.equals(after) ? "" : of(rel, Lines.of(before, after));
  }

  /** The two texts split into lines, and the line diff between them: worked out once per file. */
  public record Lines(List<String> a, List<String> b, List<Delta> deltas) {
    public static Lines of(String before, String after) {
      List<String> a = lines(before);
      List<String> b = lines(after);
      return new Lines(a, b, before.equals(after) ? List.of() : LineDiff.diff(a, b));
    }
  }

  /** The diff of texts already split and compared, or "" when they are equal. */
  public static String of(String rel, Lines lines) {
    if (lines.deltas().isEmpty()) {
      return "";
    }
    List<String> a = lines.a();
    List<String> b = lines.b();
    List<Delta> deltas = lines.deltas();
    StringBuilder out = new StringBuilder();
    out.append("--- ")
        .append(header("a/", rel))
        .append('\n')
        .append("+++ ")
        .append(header("b/", rel))
        .append('\n');
    int i = 0;
    while (i < deltas.size()) {
      int j = i;
      // join deltas whose context would touch
      while (j + 1 < deltas.size()
          && deltas.get(j + 1).aPos() - (deltas.get(j).aPos() + deltas.get(j).aLen())
              <= 2 * CONTEXT) {
        j++;
      }
      Delta first = deltas.get(i);
      Delta last = deltas.get(j);
      int aStart = Math.max(0, first.aPos() - CONTEXT);
      int aEnd = Math.min(a.size(), last.aPos() + last.aLen() + CONTEXT);
      int bStart = first.bPos() - (first.aPos() - aStart);
      int bEnd = last.bPos() + last.bLen() + (aEnd - (last.aPos() + last.aLen()));
      out.append("@@ -")
          .append(range(aStart, aEnd - aStart))
          .append(" +")
          .append(range(bStart, bEnd - bStart))
          .append(" @@\n");
      int pos = aStart;
      for (int k = i; k <= j; k++) {
        Delta d = deltas.get(k);
        for (; pos < d.aPos(); pos++) {
          line(out, ' ', a.get(pos));
        }
        for (int x = d.aPos(); x < d.aPos() + d.aLen(); x++) {
          line(out, '-', a.get(x));
        }
        for (int x = d.bPos(); x < d.bPos() + d.bLen(); x++) {
          line(out, '+', b.get(x));
        }
        pos = d.aPos() + d.aLen();
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

  /**
   * A header path as git writes it: plain, or, when it holds a control character, a quote or a
   * backslash, in double quotes with C escapes (octal for control bytes), which git apply and patch
   * read back; no control character reaches the terminal raw.
   */
  static String header(String prefix, String rel) {
    String p = prefix + rel;
    boolean plain = true;
    for (int i = 0; i < p.length() && plain; i++) {
      char c = p.charAt(i);
      plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
    }
    if (plain) {
      return p;
    }
    StringBuilder b = new StringBuilder("\"");
    for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
      int v = x & 0xff;
      switch (v) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        default -> {
          if (v < 0x20 || v == 0x7f) {
            b.append(String.format("\\%03o", v));
          } else {
            b.append((char) v); // placeholder: re-decoded below
          }
        }
      }
    }
    b.append('"');
    // bytes >= 0x80 were appended one char per byte: decode them back as UTF-8
    byte[] raw = new byte[b.length()];
    for (int i = 0; i < b.length(); i++) {
      raw[i] = (byte) b.charAt(i);
    }
    return new String(raw, StandardCharsets.UTF_8);
  }
}
