package dev.composefix.yaml;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Control characters of the input never reach a terminal or a log raw: a NUL, an ESC (which starts
 * a terminal escape sequence) or a C1 control in a message, a path or a service name is written as
 * {@code \x00}, {@code \x1b}, {@code \u0085}. Line breaks between lines of output are the tool's
 * own.
 */
public final class Controls {
  private Controls() {}

  static boolean control(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  /** The text with every control character (line breaks and tabs too) written as an escape. */
  public static String escape(String s) {
    if (s == null) {
      return null;
    }
    int i = 0;
    while (i < s.length() && !control(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!control(c)) {
        b.append(c);
      } else if (c < 0x80) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** Whether the filter escapes this byte: a control character other than a newline, or DEL. */
  private static boolean escaped(int v) {
    return (v < 0x20 && v != '\n') || v == 0x7f;
  }

  /**
   * A stream for stderr, which carries only the tool's lines: every C0 control byte but the line
   * feed that ends a line, and DEL, are written as escapes (UTF-8 multi-byte sequences have no such
   * byte, so they pass unchanged).
   */
  public static OutputStream filter(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        int v = b & 0xff;
        if (escaped(v)) {
          out.write(String.format("\\x%02x", v).getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write(v);
        }
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
          int v = buf[i] & 0xff;
          if (escaped(v)) {
            out.write(buf, start, i - start);
            write(v);
            start = i + 1;
          }
        }
        out.write(buf, start, off + len - start);
      }
    };
  }
}
