package dev.composefix.yaml;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders new values for insertion, in a file's {@link Style}. Values are Java objects: {@link
 * String} (plain when that reads back as the same string, quoted otherwise), {@link Quoted} (always
 * quoted), numbers and booleans (plain), {@link Map} (keys in order; a key starting with "# " and a
 * null value is a comment line) and {@link List}.
 */
public final class Render {
  private Render() {}

  /** A string that must be written quoted, e.g. a number that has to stay a string. */
  public record Quoted(String value) {}

  /** A scalar already written out (e.g. quoted like its siblings). */
  public record Raw(String text) {}

  private static final Pattern NUMBERISH =
      Pattern.compile(
          "[-+]?(\\.?[0-9][0-9_.:eExXoObB+-]*|0[xX][0-9a-fA-F_]+|\\.inf|\\.Inf|\\.INF|\\.nan|\\.NaN|\\.NAN)");

  /** True when the string can be written plain and reads back as the same string. */
  public static boolean plainOk(String s, boolean flow) {
    if (s.isEmpty() || !s.strip().equals(s)) {
      return false;
    }
    char c = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0) {
      return false;
    }
    if (s.contains(": ")
        || s.contains(" #")
        || s.endsWith(":")
        || s.contains("\n")
        || s.contains("\t")) {
      return false;
    }
    if (flow
        && (s.indexOf(',') >= 0
            || s.indexOf('[') >= 0
            || s.indexOf(']') >= 0
            || s.indexOf('{') >= 0
            || s.indexOf('}') >= 0)) {
      return false;
    }
    return !numberish(s) && !specialWord(s);
  }

  /** NUMBERISH, matched only where it can match: after an optional sign, a digit or a dot. */
  private static boolean numberish(String s) {
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return (c == '.' || (c >= '0' && c <= '9')) && NUMBERISH.matcher(s).matches();
  }

  /**
   * Whether the string is a word YAML 1.1 tools read as a boolean or null (true, yes, on, ~ ...),
   * in any ASCII case: compared without a regex, as this runs for every value rendered.
   */
  private static boolean specialWord(String s) {
    if (s.length() > 5) {
      return false;
    }
    outer:
    for (String w : SPECIAL) {
      if (w.length() != s.length()) {
        continue;
      }
      for (int i = 0; i < w.length(); i++) {
        char c = s.charAt(i);
        if (c != w.charAt(i) && !(c >= 'A' && c <= 'Z' && (char) (c + 32) == w.charAt(i))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static final String[] SPECIAL = {
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"
  };

  public static String quote(String s, char q) {
    if (q == '\'' && s.indexOf('\n') < 0) {
      return "'" + s.replace("'", "''") + "'";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** A scalar value as it would be written in a flow or block context. */
  public static String scalar(Object v, Style st, boolean flow) {
    if (v instanceof Quoted q) {
      return quote(q.value(), st.quote());
    }
    if (v instanceof Raw r) {
      return r.text();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    String s = String.valueOf(v);
    return plainOk(s, flow) ? s : quote(s, st.quote());
  }

  static boolean isCollection(Object v) {
    return (v instanceof Map<?, ?> m && !m.isEmpty()) || (v instanceof List<?> l && !l.isEmpty());
  }

  /** A value in flow style, for insertion into a flow collection. */
  public static String flow(Object v, Style st) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (k.startsWith("# ")) {
          continue;
        }
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(scalar(k, st, true)).append(": ").append(flow(e.getValue(), st));
      }
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : l) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(flow(o, st));
      }
      return b.append(']').toString();
    }
    return scalar(v, st, true);
  }

  /** Block lines for {@code key: value} at column {@code col}, each ending with the file's eol. */
  public static String entry(String key, Object value, int col, Style st) {
    StringBuilder b = new StringBuilder();
    appendEntry(b, key, value, col, st);
    return b.toString();
  }

  /** Block lines for a sequence item whose dash stands at {@code dashCol}. */
  public static String item(Object value, int dashCol, int gap, Style st) {
    StringBuilder b = new StringBuilder();
    appendItem(b, value, dashCol, gap, st);
    return b.toString();
  }

  /**
   * The lines of a block value (a map's entries or a list's items) nested under a key at keyCol.
   */
  public static String children(Object value, int keyCol, Style st) {
    StringBuilder b = new StringBuilder();
    appendChildren(b, value, keyCol, st);
    return b.toString();
  }

  private static void appendEntry(StringBuilder b, String key, Object value, int col, Style st) {
    pad(b, col);
    if (key.startsWith("# ") && value == null) {
      b.append(key).append(st.eol());
      return;
    }
    b.append(scalar(key, st, false)).append(':');
    if (isCollection(value)) {
      b.append(st.eol());
      appendChildren(b, value, col, st);
    } else {
      b.append(' ')
          .append(
              value instanceof Map || value instanceof List
                  ? flow(value, st)
                  : scalar(value, st, false))
          .append(st.eol());
    }
  }

  private static void appendChildren(StringBuilder b, Object value, int keyCol, Style st) {
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        appendEntry(b, String.valueOf(e.getKey()), e.getValue(), keyCol + st.indent(), st);
      }
    } else if (value instanceof List<?> l) {
      int dash = st.indentSequences() ? keyCol + st.indent() : keyCol;
      for (Object o : l) {
        appendItem(b, o, dash, 1, st);
      }
    }
  }

  private static void appendItem(StringBuilder b, Object value, int dashCol, int gap, Style st) {
    pad(b, dashCol);
    b.append('-');
    pad(b, gap);
    int col = dashCol + 1 + gap;
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        StringBuilder one = new StringBuilder();
        appendEntry(one, String.valueOf(e.getKey()), e.getValue(), col, st);
        b.append(first ? one.substring(col) : one);
        first = false;
      }
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      b.append(flow(l, st)).append(st.eol());
    } else {
      b.append(
              value instanceof Map || value instanceof List
                  ? flow(value, st)
                  : scalar(value, st, false))
          .append(st.eol());
    }
  }

  private static void pad(StringBuilder b, int n) {
    for (int i = 0; i < n; i++) {
      b.append(' ');
    }
  }
}
