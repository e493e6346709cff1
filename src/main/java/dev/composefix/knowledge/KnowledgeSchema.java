package dev.composefix.knowledge;

import dev.composefix.yaml.Reader;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entries a user may add to the knowledge tables in {@code .composefix.yaml}, field by field.
 * Each table has the shape of a shipped table, so that one loader reads both (the user's entries
 * first, so they win): docs/composefix-config.schema.json says the same for editors, and ConfigTest
 * checks that the two agree and that every shipped entry passes these checks.
 *
 * <ul>
 *   <li>{@code users}: the entries of knowledge/users.yaml {@code images} (volume-init).
 *   <li>{@code healthchecks}: the entries of knowledge/healthchecks.yaml {@code images}
 *       (healthcheck, depends-on-healthy).
 *   <li>{@code runtime}: the entries of knowledge/runtime.yaml {@code images} (read-only-rootfs,
 *       cap-drop, init, stop-grace-period, resource-limits, pids-limit).
 *   <li>{@code sizes}: the size classes of knowledge/runtime.yaml {@code kinds}, a mapping from the
 *       class name to its sizes (resource-limits, pids-limit, stop-grace-period).
 * </ul>
 */
public final class KnowledgeSchema {
  private KnowledgeSchema() {}

  /** How a field's value is checked and what Java type it becomes. */
  public enum Type {
    /** A string (a plain number is kept as its text). */
    STRING,
    /** A whole number, as Integer. */
    INTEGER,
    /** true or false, as Boolean. */
    BOOLEAN,
    /** A list of strings, as List&lt;String&gt;. */
    STRINGS,
    /** A string or a list of strings, as List&lt;String&gt; (image patterns). */
    PATTERNS,
    /** A mapping of names to strings, as Map&lt;String, String&gt;. */
    NAMES,
    /** A mapping with memory and/or cpus, as Map&lt;String, String&gt; (limits, reservations). */
    RESOURCES
  }

  /** A field: its type and, for strings (and the items of lists), the pattern values must match. */
  public record Field(Type type, Pattern pattern, String expected) {}

  static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+");
  static final Pattern MEMORY = Pattern.compile("[0-9]+(\\.[0-9]+)?([bkmgBKMG][bB]?)?");
  static final Pattern CPUS = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]*");
  static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z_0-9]*");

  /** The size classes knowledge/runtime.yaml defines ({@code kinds}). */
  public static Set<String> shippedKinds() {
    if (Knowledge.load("runtime") instanceof Map<?, ?> root
        && root.get("kinds") instanceof Map<?, ?> kinds) {
      Set<String> out = new LinkedHashSet<>();
      kinds.keySet().forEach(k -> out.add(String.valueOf(k)));
      return out;
    }
    return Set.of();
  }

  /** The checks of {@code healthchecks} that code builds (rules/Healthcheck.java). */
  public static final List<String> CHECKS = List.of("postgres", "redis");

  /**
   * Table → field → its check, in documentation order. The required field of each is {@link
   * #REQUIRED}.
   */
  public static final Map<String, Map<String, Field>> FIELDS;

  /** Table → field → type (a view of {@link #FIELDS}). */
  public static final Map<String, Map<String, Type>> TABLES;

  /**
   * Table → the field every entry must have: the image pattern field; for sizes, whose entries are
   * keyed by the class name, the empty string.
   */
  public static final Map<String, String> REQUIRED =
      Map.of("users", "image", "healthchecks", "images", "runtime", "match", "sizes", "");

  /** Where each table's shipped entries are: resource name and top-level key. */
  public static final Map<String, List<String>> SHIPPED =
      Map.of(
          "users",
          List.of("users", "images"),
          "healthchecks",
          List.of("healthchecks", "images"),
          "runtime",
          List.of("runtime", "images"),
          "sizes",
          List.of("runtime", "kinds"));

  static {
    Map<String, Map<String, Field>> t = new LinkedHashMap<>();
    t.put(
        "users",
        fields(
            "image",
            f(Type.PATTERNS),
            "uid",
            f(Type.INTEGER),
            "gid",
            f(Type.INTEGER),
            "names",
            new Field(Type.NAMES, Pattern.compile("[0-9]+(:[0-9]+)?"), "UID or UID:GID"),
            "owns",
            new Field(
                Type.STRINGS, Pattern.compile("/\\S*?(=[0-9]+)?"), "an absolute path, or PATH=UID"),
            "open",
            new Field(Type.STRINGS, Pattern.compile("/\\S*"), "an absolute path"),
            "source",
            f(Type.STRING)));
    t.put(
        "healthchecks",
        fields(
            "images",
            f(Type.PATTERNS),
            "tags",
            f(Type.PATTERNS),
            "test",
            f(Type.STRINGS),
            "check",
            new Field(
                Type.STRING,
                Pattern.compile(String.join("|", CHECKS)),
                "one of " + String.join(", ", CHECKS)),
            "cli",
            f(Type.STRING),
            "image_healthcheck",
            f(Type.BOOLEAN),
            "skip",
            f(Type.STRING),
            "when_env",
            f(Type.NAMES),
            "unless_env",
            f(Type.NAMES),
            "interval",
            d(),
            "timeout",
            d(),
            "retries",
            f(Type.INTEGER),
            "start_period",
            d(),
            "source",
            f(Type.STRING)));
    t.put(
        "runtime",
        fields(
            "match",
            f(Type.PATTERNS),
            "kind",
            new Field(Type.STRING, KIND, "a size class name"),
            "tmpfs",
            new Field(
                Type.STRINGS,
                Pattern.compile("/\\S*"),
                "an absolute path, optionally with :OPTIONS"),
            "cap_add",
            new Field(Type.STRINGS, CAPABILITY, "a capability name such as CHOWN"),
            "own_init",
            f(Type.BOOLEAN),
            "stop_grace_period",
            d(),
            "setuid",
            f(Type.STRING),
            "setuid_with_user",
            f(Type.STRING),
            "source",
            f(Type.STRING)));
    t.put(
        "sizes",
        fields(
            "limits",
            f(Type.RESOURCES),
            "reservations",
            f(Type.RESOURCES),
            "pids_limit",
            f(Type.INTEGER),
            "stop_grace_period",
            d(),
            "source",
            f(Type.STRING)));
    FIELDS = Collections.unmodifiableMap(t);
    Map<String, Map<String, Type>> types = new LinkedHashMap<>();
    t.forEach(
        (table, fs) -> {
          Map<String, Type> m = new LinkedHashMap<>();
          fs.forEach((k, v) -> m.put(k, v.type()));
          types.put(table, Collections.unmodifiableMap(m));
        });
    TABLES = Collections.unmodifiableMap(types);
  }

  private static Field f(Type type) {
    return new Field(type, null, null);
  }

  private static Field d() {
    return new Field(Type.STRING, DURATION, "a duration such as 30s or 1m30s");
  }

  private static Map<String, Field> fields(Object... kv) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Field) kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The user's additions under {@code knowledge} in a configuration: each table's entries, checked
   * and normalized as the shipped ones are, in the order written.
   */
  public static Map<String, List<Map<String, Object>>> additions(Reader r, YNode.Mapping v)
      throws YamlException {
    Map<String, List<Map<String, Object>>> knowledge = new LinkedHashMap<>();
    for (YNode.Entry ke : v.entries) {
      String table = r.key(ke);
      if (!FIELDS.containsKey(table)) {
        throw r.error(
            ke.key(),
            "unknown knowledge table '"
                + table
                + "' (expected one of "
                + String.join(", ", FIELDS.keySet())
                + ")");
      }
      knowledge.put(table, KnowledgeSchema.entries(r, ke.value().resolve(), table));
    }
    checkKinds(r, v, knowledge);
    return knowledge;
  }

  /**
   * Runtime entries name size classes that exist (shipped or added under sizes), and a size class
   * that is not shipped gives every size the rules need.
   */
  private static void checkKinds(
      Reader r, YNode.Mapping k, Map<String, List<Map<String, Object>>> knowledge)
      throws YamlException {
    Set<String> kinds = new LinkedHashSet<>(KnowledgeSchema.shippedKinds());
    Set<String> shipped = Set.copyOf(kinds);
    YNode sizes = k.get("sizes");
    for (Map<String, Object> e : knowledge.getOrDefault("sizes", List.of())) {
      String kind = (String) e.get("kind");
      kinds.add(kind);
      if (!shipped.contains(kind)) {
        for (String need : List.of("limits", "reservations", "pids_limit")) {
          if (!e.containsKey(need)) {
            YNode at = sizes instanceof YNode.Mapping sm ? sm.get(kind) : k;
            throw r.error(
                at == null ? k : at,
                "knowledge.sizes."
                    + kind
                    + " is a new size class, so it needs '"
                    + need
                    + "' (limits, reservations and pids_limit)");
          }
        }
      }
    }
    YNode runtime = k.get("runtime");
    List<Map<String, Object>> entries = knowledge.getOrDefault("runtime", List.of());
    for (int i = 0; i < entries.size(); i++) {
      Object kind = entries.get(i).get("kind");
      if (kind != null && !kinds.contains(kind)) {
        YNode at =
            runtime instanceof YNode.Sequence rs
                    && rs.items.get(i).resolve() instanceof YNode.Mapping em
                    && em.get("kind") != null
                ? em.get("kind")
                : k;
        throw r.error(
            at,
            "knowledge.runtime.kind: unknown size class '"
                + kind
                + "' (expected one of "
                + String.join(", ", kinds)
                + ", or add it under knowledge.sizes)");
      }
    }
  }

  /**
   * The entries of a table. For sizes (a mapping from class name to sizes) each entry is returned
   * with its name under the extra key {@code kind}.
   */
  static List<Map<String, Object>> entries(Reader r, YNode n, String table) throws YamlException {
    Map<String, Field> fields = FIELDS.get(table);
    List<Map<String, Object>> out = new ArrayList<>();
    if (table.equals("sizes")) {
      for (YNode.Entry ke :
          r.mapping(n, "knowledge.sizes (size class name to its sizes)").entries) {
        String kind = r.key(ke);
        if (!KIND.matcher(kind).matches()) {
          throw r.error(
              ke.key(),
              "knowledge.sizes: '"
                  + kind
                  + "' is not a size class name (lower case letters,"
                  + " digits, - and _)");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.putAll(entry(r, ke.value().resolve(), table, fields, "knowledge.sizes." + kind));
        out.add(Collections.unmodifiableMap(entry));
      }
      return List.copyOf(out);
    }
    if (!(n instanceof YNode.Sequence seq)) {
      throw r.error(n, "knowledge." + table + " must be a list of entries, not " + Reader.kind(n));
    }
    for (YNode item : seq.items) {
      out.add(
          Collections.unmodifiableMap(
              entry(r, item.resolve(), table, fields, "knowledge." + table)));
    }
    return List.copyOf(out);
  }

  private static Map<String, Object> entry(
      Reader r, YNode item, String table, Map<String, Field> fields, String prefix)
      throws YamlException {
    YNode.Mapping m = r.mapping(item, "an entry of knowledge." + table);
    Map<String, Object> entry = new LinkedHashMap<>();
    for (YNode.Entry e : m.entries) {
      String key = r.key(e);
      Field field = fields.get(key);
      if (field == null) {
        throw r.error(
            e.key(),
            "unknown key '"
                + key
                + "' in "
                + prefix
                + " (expected "
                + String.join(", ", fields.keySet())
                + ")");
      }
      String what = prefix + "." + key;
      YNode v = e.value().resolve();
      Object value =
          switch (field.type()) {
            case STRING -> checked(r, v, r.string(v, what), field, what);
            case INTEGER -> r.integer(v, what);
            case BOOLEAN -> r.bool(v, what);
            case STRINGS -> items(r, v, r.strings(v, what), field, what);
            case PATTERNS ->
                v instanceof YNode.Sequence
                    ? nonEmpty(r, v, r.strings(v, what), what)
                    : List.of(r.string(v, what));
            case NAMES -> names(r, v, field, what);
            case RESOURCES -> resources(r, v, what);
          };
      entry.put(key, value);
    }
    String required = REQUIRED.get(table);
    if (!required.isEmpty() && !entry.containsKey(required)) {
      throw r.error(m, "an entry of knowledge." + table + " needs '" + required + "'");
    }
    switch (table) {
      case "users" -> {
        if (!entry.containsKey("uid")) {
          throw r.error(m, "an entry of knowledge.users needs 'uid'");
        }
      }
      case "healthchecks" -> {
        List<String> says = new ArrayList<>();
        for (String k : List.of("test", "check", "image_healthcheck", "skip")) {
          if (entry.containsKey(k) && !Boolean.FALSE.equals(entry.get(k))) {
            says.add(k);
          }
        }
        if (says.size() != 1) {
          throw r.error(
              m,
              "an entry of knowledge.healthchecks needs exactly one of 'test', 'check',"
                  + " 'image_healthcheck: true' or 'skip'"
                  + (says.isEmpty() ? "" : " (it has " + String.join(", ", says) + ")"));
        }
        if (entry.get("test") instanceof List<?> test
            && (test.size() < 2
                || !Set.of("CMD", "CMD-SHELL").contains(String.valueOf(test.get(0))))) {
          throw r.error(
              m.get("test"),
              "knowledge.healthchecks.test must be a list starting with CMD (exec form)"
                  + " or CMD-SHELL, followed by the command");
        }
      }
      default -> {}
    }
    return entry;
  }

  private static String checked(Reader r, YNode at, String value, Field f, String what)
      throws YamlException {
    if (f.pattern() != null && !f.pattern().matcher(value).matches()) {
      throw r.error(at, what + ": '" + value + "' is not " + f.expected());
    }
    return value;
  }

  private static List<String> items(Reader r, YNode n, List<String> values, Field f, String what)
      throws YamlException {
    YNode.Sequence seq = (YNode.Sequence) n;
    for (int i = 0; i < values.size(); i++) {
      checked(r, seq.items.get(i), values.get(i), f, what);
    }
    return values;
  }

  private static List<String> nonEmpty(Reader r, YNode n, List<String> values, String what)
      throws YamlException {
    if (values.isEmpty()) {
      throw r.error(n, what + " must name at least one image pattern");
    }
    return values;
  }

  private static Map<String, String> names(Reader r, YNode n, Field f, String what)
      throws YamlException {
    Map<String, String> out = new LinkedHashMap<>();
    for (YNode.Entry e : r.mapping(n, what).entries) {
      YNode v = e.value().resolve();
      out.put(
          r.key(e), checked(r, v, r.string(v, what + "." + r.key(e)), f, what + "." + r.key(e)));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> resources(Reader r, YNode n, String what)
      throws YamlException {
    Map<String, String> out = new LinkedHashMap<>();
    for (YNode.Entry e : r.mapping(n, what).entries) {
      String key = r.key(e);
      YNode v = e.value().resolve();
      Field f =
          switch (key) {
            case "memory" -> new Field(Type.STRING, MEMORY, "a memory size such as 512M or 2G");
            case "cpus" -> new Field(Type.STRING, CPUS, "a number of CPUs such as 0.5");
            default ->
                throw r.error(
                    e.key(), "unknown key '" + key + "' in " + what + " (expected memory, cpus)");
          };
      out.put(key, checked(r, v, r.string(v, what + "." + key), f, what + "." + key));
    }
    if (out.size() != 2) {
      throw r.error(n, what + " needs both memory and cpus");
    }
    return Collections.unmodifiableMap(out);
  }
}
