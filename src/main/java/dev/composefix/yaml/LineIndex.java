package dev.composefix.yaml;

import java.util.Arrays;

/** Maps character offsets to 1-based lines and columns, and finds line boundaries. */
public final class LineIndex {
  private final String text;
  private final int[] starts;
  private final int count;

  public LineIndex(String text) {
    this.text = text;
    int[] s = new int[64];
    int n = 0;
    s[n++] = text.startsWith("\uFEFF") ? 1 : 0; // a BOM is not part of the first line
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == s.length) {
        s = Arrays.copyOf(s, n * 2);
      }
      s[n++] = i + 1;
    }
    this.starts = s;
    this.count = n;
  }

  /** 1-based line of an offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(starts, 0, count, offset);
    return Math.max(0, i >= 0 ? i : -i - 2) + 1;
  }

  /** 1-based column of an offset, in characters. */
  public int column(int offset) {
    return Math.max(0, offset - lineStart(offset)) + 1;
  }

  public int lineStart(int offset) {
    return starts[line(offset) - 1];
  }

  /** Offset just past the line break of the line holding the offset, or the text's end. */
  public int nextLineStart(int offset) {
    int i = text.indexOf('\n', offset);
    return i < 0 ? text.length() : i + 1;
  }

  /** True when only spaces stand between the start of the offset's line and the offset. */
  public boolean firstOnLine(int offset) {
    for (int i = lineStart(offset); i < offset; i++) {
      if (text.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }
}
