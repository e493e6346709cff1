package dev.composefix.schema;

import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts a positioned tree into plain values (Map, List, String, Long/BigInteger/Double, Boolean,
 * null), the way a compose implementation reads the file: aliases expanded, merge keys ({@code <<})
 * applied, plain scalars typed by the YAML 1.2 core schema. Expanding aliases is the one place
 * where a file can grow, so the conversion has its own budget of nodes and depth.
 */
public final class Values {
  /** Deepest expanded nesting; aliases can nest blocks inside blocks beyond the parse limit. */
  public static final int MAX_DEPTH = 4 * Document.MAX_DEPTH;

  private static final String CORE = "tag:yaml.org,2002:";
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCT = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  /** The file expands beyond the budget: too large to convert. */
  public static final class TooLarge extends Exception {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private final long budget;
  private long used;

  private Values(long budget) {
    this.budget = budget;
  }

  /** The plain value of a node, with at most {@link Document#MAX_EXPANDED_NODES} nodes made. */
  public static Object of(YNode node) throws TooLarge {
    return of(node, Document.MAX_EXPANDED_NODES);
  }

  /** The plain value of a node, with at most {@code budget} nodes made. */
  public static Object of(YNode node, long budget) throws TooLarge {
    return node == null ? null : new Values(budget).convert(node, 0);
  }

  private Object convert(YNode node, int depth) throws TooLarge {
    if (++used > budget) {
      throw new TooLarge("more than " + budget + " nodes with aliases expanded");
    }
    if (depth > MAX_DEPTH) {
      throw new TooLarge("nested deeper than " + MAX_DEPTH + " levels with aliases expanded");
    }
    YNode n = node.resolve();
    if (n instanceof YNode.Scalar s) {
      return scalar(s);
    }
    if (n instanceof YNode.Sequence q) {
      List<Object> out = new ArrayList<>(q.items.size());
      for (YNode i : q.items) {
        out.add(convert(i, depth + 1));
      }
      return out;
    }
    YNode.Mapping m = (YNode.Mapping) n;
    Map<String, Object> out = new LinkedHashMap<>();
    List<YNode> merges = new ArrayList<>();
    for (YNode.Entry e : m.entries) {
      String k = key(e.key());
      if ("<<".equals(k) && e.key() instanceof YNode.Scalar ks && ks.plain()) {
        merges.add(e.value());
      } else if (k != null) {
        out.put(k, convert(e.value(), depth + 1));
      }
    }
    // own keys win over merged ones; among merge sources, the first that has a key wins
    for (YNode merge : merges) {
      YNode v = merge.resolve();
      List<YNode> sources = v instanceof YNode.Sequence q ? q.items : List.of(v);
      for (YNode src : sources) {
        if (convert(src, depth + 1) instanceof Map<?, ?> mm) {
          for (Map.Entry<?, ?> me : mm.entrySet()) {
            out.putIfAbsent((String) me.getKey(), me.getValue());
          }
        }
      }
    }
    return out;
  }

  private static String key(YNode k) {
    YNode r = k.resolve();
    return r instanceof YNode.Scalar s ? s.value : null;
  }

  /** A scalar's value: quoted, block and !!str scalars are strings; plain ones are typed. */
  static Object scalar(YNode.Scalar s) {
    String tag = s.tag;
    if (tag != null && tag.startsWith(CORE)) {
      String t = tag.substring(CORE.length());
      if (t.equals("str")) {
        return s.value;
      }
      Object typed = plain(s.value);
      return switch (t) {
        case "null" -> null;
        case "bool" -> typed instanceof Boolean ? typed : s.value;
        case "int", "float" -> typed instanceof Number ? typed : s.value;
        default -> typed;
      };
    }
    if (!s.plain()) {
      return s.value;
    }
    return plain(s.value);
  }

  /** The YAML 1.2 core schema for a plain scalar. */
  static Object plain(String v) {
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      default:
        break;
    }
    if (v.isEmpty() || "-+.0123456789".indexOf(v.charAt(0)) < 0) {
      return v;
    }
    try {
      if (INT.matcher(v).matches()) {
        BigInteger b = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
      }
      if (OCT.matcher(v).matches()) {
        return number(new BigInteger(v.substring(2), 8));
      }
      if (HEX.matcher(v).matches()) {
        return number(new BigInteger(v.substring(2), 16));
      }
    } catch (NumberFormatException e) {
      return v;
    }
    if (FLOAT.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    if (INF.matcher(v).matches()) {
      return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(v).matches()) {
      return Double.NaN;
    }
    return v;
  }

  private static Object number(BigInteger b) {
    return b.bitLength() < 64 ? (Object) b.longValue() : b;
  }
}
