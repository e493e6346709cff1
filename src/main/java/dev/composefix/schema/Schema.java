package dev.composefix.schema;

import dev.composefix.yaml.Document;
import dev.composefix.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft-07) validator for the keywords the compose-spec schema uses: type, $ref to
 * local definitions, properties, patternProperties, additionalProperties, required, items, oneOf,
 * anyOf, allOf, not, enum, const, minimum/maximum, pattern, length and size bounds, uniqueItems. It
 * is small on purpose: it costs no start-up time, needs no JSON library, and {@link
 * #unsupportedKeywords()} lists any keyword a newer schema adds, so a test notices before the check
 * silently weakens. Values are the plain ones {@link Values} makes.
 */
public final class Schema {
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "$schema",
          "$id",
          "$comment",
          "title",
          "description",
          "default",
          "deprecated",
          "examples",
          "definitions",
          "readOnly",
          "writeOnly",
          "format");
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "$ref",
          "properties",
          "patternProperties",
          "additionalProperties",
          "required",
          "items",
          "oneOf",
          "anyOf",
          "allOf",
          "not",
          "enum",
          "const",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "pattern",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "uniqueItems");

  private static volatile Schema compose;

  private final Map<String, Object> root;
  private final Map<String, Pattern> patterns = new HashMap<>();

  Schema(Map<String, Object> root) {
    this.root = root;
  }

  /** The compose-spec schema shipped with the tool, loaded on first use. */
  public static Schema compose() {
    Schema s = compose;
    if (s == null) {
      synchronized (Schema.class) {
        s = compose;
        if (s == null) {
          compose = s = loadPacked("/schema/compose-spec.json" + Packed.SUFFIX);
        }
      }
    }
    return s;
  }

  /** A schema from the packed form the build makes of its JSON ({@link Packed}). */
  @SuppressWarnings("unchecked")
  static Schema loadPacked(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + resource + " (made by the build from the .json)");
      }
      return new Schema((Map<String, Object>) Packed.unpack(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A schema from its JSON text. JSON is YAML, so the tool's own parser reads it: no second YAML
   * pipeline is loaded at start-up.
   */
  @SuppressWarnings("unchecked")
  public static Schema parse(String json) {
    try {
      return new Schema((Map<String, Object>) Values.of(Document.parse(json).root));
    } catch (YamlException | Values.TooLarge e) {
      throw new IllegalStateException("unreadable schema: " + e.getMessage(), e);
    }
  }

  /** Keywords used anywhere in the schema that this validator does not implement. */
  public Set<String> unsupportedKeywords() {
    Set<String> out = new TreeSet<>();
    collect(root, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object schema, Set<String> out) {
    if (!(schema instanceof Map<?, ?> m)) {
      return;
    }
    for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
      String k = e.getKey();
      if (!KEYWORDS.contains(k) && !ANNOTATIONS.contains(k)) {
        out.add(k);
      }
      Object v = e.getValue();
      switch (k) {
        case "properties", "patternProperties", "definitions" -> {
          if (v instanceof Map<?, ?> vm) {
            vm.values().forEach(x -> collect(x, out));
          }
        }
        case "oneOf", "anyOf", "allOf" -> {
          if (v instanceof List<?> l) {
            l.forEach(x -> collect(x, out));
          }
        }
        case "items", "additionalProperties", "not" -> {
          if (v instanceof List<?> l) {
            l.forEach(x -> collect(x, out));
          } else {
            collect(v, out);
          }
        }
        default -> {}
      }
    }
  }

  /** The first violation as "route: message", or null when the value is valid. */
  public String firstError(Object value) {
    List<String> path = new ArrayList<>();
    return check(root, value, path);
  }

  public boolean valid(Object value) {
    return firstError(value) == null;
  }

  @SuppressWarnings("unchecked")
  private String check(Object schemaObj, Object v, List<String> path) {
    if (schemaObj instanceof Boolean b) {
      return b ? null : fail(path, "not allowed");
    }
    if (!(schemaObj instanceof Map<?, ?>)) {
      return null;
    }
    Map<String, Object> s = (Map<String, Object>) schemaObj;
    Object ref = s.get("$ref");
    if (ref instanceof String r) {
      // draft-07: $ref overrides its siblings
      return check(resolve(r), v, path);
    }
    Object type = s.get("type");
    if (type != null && !typeMatches(type, v)) {
      return fail(path, "expected " + type + ", found " + typeName(v));
    }
    String err;
    Object en = s.get("enum");
    if (en instanceof List<?> l && l.stream().noneMatch(x -> same(x, v))) {
      return fail(path, "not one of " + l);
    }
    if (s.containsKey("const") && !same(s.get("const"), v)) {
      return fail(path, "must be " + s.get("const"));
    }
    if (v instanceof Number n) {
      if ((err = bounds(s, n, path)) != null) {
        return err;
      }
    }
    if (v instanceof String str) {
      if (s.get("pattern") instanceof String p && !pattern(p).matcher(str).find()) {
        return fail(path, "does not match " + p);
      }
      int len = str.codePointCount(0, str.length());
      if (s.get("minLength") instanceof Number mn && len < mn.longValue()
          || s.get("maxLength") instanceof Number mx && len > mx.longValue()) {
        return fail(path, "length out of bounds");
      }
    }
    if (v instanceof List<?> list && (err = array(s, list, path)) != null) {
      return err;
    }
    if (v instanceof Map<?, ?> map && (err = object(s, (Map<String, Object>) map, path)) != null) {
      return err;
    }
    if (s.get("allOf") instanceof List<?> all) {
      for (Object sub : all) {
        if ((err = check(sub, v, path)) != null) {
          return err;
        }
      }
    }
    if (s.get("anyOf") instanceof List<?> any) {
      String first = null;
      for (Object sub : any) {
        String e = check(sub, v, path);
        if (e == null) {
          first = null;
          break;
        }
        if (first == null) {
          first = e;
        }
      }
      if (first != null) {
        return fail(path, "matches none of anyOf (" + first + ")");
      }
    }
    if (s.get("oneOf") instanceof List<?> one) {
      int matched = 0;
      String first = null;
      for (Object sub : one) {
        String e = check(sub, v, path);
        if (e == null) {
          matched++;
        } else if (first == null) {
          first = e;
        }
      }
      if (matched != 1) {
        return fail(
            path,
            matched == 0 ? "matches none of oneOf (" + first + ")" : "matches several of oneOf");
      }
    }
    if (s.containsKey("not") && check(s.get("not"), v, path) == null) {
      return fail(path, "matches a schema it must not");
    }
    return null;
  }

  private String bounds(Map<String, Object> s, Number n, List<String> path) {
    BigDecimal x = decimal(n);
    if (x == null) {
      return null;
    }
    if (s.get("minimum") instanceof Number m && x.compareTo(decimal(m)) < 0
        || s.get("exclusiveMinimum") instanceof Number em && x.compareTo(decimal(em)) <= 0) {
      return fail(path, "below the minimum");
    }
    if (s.get("maximum") instanceof Number m && x.compareTo(decimal(m)) > 0
        || s.get("exclusiveMaximum") instanceof Number em && x.compareTo(decimal(em)) >= 0) {
      return fail(path, "above the maximum");
    }
    return null;
  }

  private String array(Map<String, Object> s, List<?> list, List<String> path) {
    if (s.get("minItems") instanceof Number mn && list.size() < mn.longValue()
        || s.get("maxItems") instanceof Number mx && list.size() > mx.longValue()) {
      return fail(path, "number of items out of bounds");
    }
    Object items = s.get("items");
    for (int i = 0; i < list.size(); i++) {
      Object sub =
          items instanceof List<?> tuple ? (i < tuple.size() ? tuple.get(i) : null) : items;
      if (sub != null) {
        path.add(String.valueOf(i));
        String err = check(sub, list.get(i), path);
        path.remove(path.size() - 1);
        if (err != null) {
          return err;
        }
      }
    }
    if (Boolean.TRUE.equals(s.get("uniqueItems"))) {
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          if (same(list.get(i), list.get(j))) {
            return fail(path, "items " + i + " and " + j + " are equal");
          }
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private String object(Map<String, Object> s, Map<String, Object> map, List<String> path) {
    if (s.get("minProperties") instanceof Number mn && map.size() < mn.longValue()
        || s.get("maxProperties") instanceof Number mx && map.size() > mx.longValue()) {
      return fail(path, "number of keys out of bounds");
    }
    if (s.get("required") instanceof List<?> req) {
      for (Object r : req) {
        if (!map.containsKey(r)) {
          return fail(path, "missing required key '" + r + "'");
        }
      }
    }
    Map<String, Object> props =
        s.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    Map<String, Object> pats =
        s.get("patternProperties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    Object additional = s.get("additionalProperties");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String k = e.getKey();
      boolean known = false;
      path.add(k);
      try {
        if (props.containsKey(k)) {
          known = true;
          String err = check(props.get(k), e.getValue(), path);
          if (err != null) {
            return err;
          }
        }
        for (Map.Entry<String, Object> pe : pats.entrySet()) {
          if (pattern(pe.getKey()).matcher(k).find()) {
            known = true;
            String err = check(pe.getValue(), e.getValue(), path);
            if (err != null) {
              return err;
            }
          }
        }
        if (!known && additional != null) {
          if (Boolean.FALSE.equals(additional)) {
            return fail(path, "key not allowed here");
          }
          String err = check(additional, e.getValue(), path);
          if (err != null) {
            return err;
          }
        }
      } finally {
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Object resolve(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalStateException("only local $ref is supported: " + ref);
    }
    Object at = root;
    for (String part : ref.substring(1).split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      part = part.replace("~1", "/").replace("~0", "~");
      at = at instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part) : null;
    }
    if (at == null) {
      throw new IllegalStateException("unresolved $ref " + ref);
    }
    return at;
  }

  private Pattern pattern(String p) {
    synchronized (patterns) {
      return patterns.computeIfAbsent(p, Pattern::compile);
    }
  }

  private static boolean typeMatches(Object type, Object v) {
    if (type instanceof List<?> l) {
      return l.stream().anyMatch(t -> typeMatches(t, v));
    }
    return switch (String.valueOf(type)) {
      case "string" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      case "object" -> v instanceof Map;
      case "array" -> v instanceof List;
      case "number" -> v instanceof Number;
      case "integer" -> integral(v);
      default -> false;
    };
  }

  private static boolean integral(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      return true;
    }
    return v instanceof Double d && !d.isInfinite() && !d.isNaN() && d == Math.rint(d);
  }

  private static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Number) {
      return integral(v) ? "integer" : "number";
    }
    return v instanceof Boolean ? "boolean" : "string";
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** JSON equality: numbers by value, maps by keys, lists in order. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      BigDecimal dx = decimal(x);
      BigDecimal dy = decimal(y);
      return dx == null || dy == null ? x.equals(y) : dx.compareTo(dy) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static String fail(List<String> path, String msg) {
    return (path.isEmpty() ? "(top level)" : String.join(".", path)) + ": " + msg;
  }
}
