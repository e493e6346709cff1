package dev.composefix.config;

import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries a user may add to the knowledge tables in {@code .composefix.yaml}, field by field.
 * docs/composefix-config.schema.json says the same for editors; ConfigTest checks they agree.
 *
 * <ul>
 *   <li>{@code users} (volume-init): image → the UID:GID it runs as, and the paths it creates owned by it.</li>
 *   <li>{@code healthchecks} (healthcheck): image → its healthcheck, or that it has its own.</li>
 *   <li>{@code runtime} (read-only-rootfs, cap-drop, resource-limits, pids-limit): image → its kind
 *       (size class), the paths it writes, the capabilities it needs.</li>
 *   <li>{@code sizes} (resource-limits, pids-limit): size class → limits and reservations.</li>
 * </ul>
 */
public final class KnowledgeSchema {
  private KnowledgeSchema() { }

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
    /** A string or a list of strings (a healthcheck test). */
    STRING_OR_STRINGS
  }

  /** Size classes that runtime entries and sizes name. */
  public static final List<String> KINDS = List.of("database", "cache", "queue", "search", "web", "app", "worker",
      "proxy", "monitoring", "job");

  /** Table → field → type, in documentation order. The required field of each is {@link #REQUIRED}. */
  public static final Map<String, Map<String, Type>> TABLES;

  /** Table → the field every entry must have ({@code image}, or {@code kind} for sizes). */
  public static final Map<String, String> REQUIRED = Map.of(
      "users", "image", "healthchecks", "image", "runtime", "image", "sizes", "kind");

  static {
    Map<String, Map<String, Type>> t = new LinkedHashMap<>();
    t.put("users", fields(
        "image", Type.STRING, "uid", Type.INTEGER, "gid", Type.INTEGER, "paths", Type.STRINGS, "source", Type.STRING));
    t.put("healthchecks", fields(
        "image", Type.STRING, "test", Type.STRING_OR_STRINGS, "interval", Type.STRING, "timeout", Type.STRING,
        "retries", Type.INTEGER, "start_period", Type.STRING, "start_interval", Type.STRING,
        "builtin", Type.BOOLEAN, "source", Type.STRING));
    t.put("runtime", fields(
        "image", Type.STRING, "kind", Type.STRING, "writable", Type.STRINGS, "cap_add", Type.STRINGS,
        "source", Type.STRING));
    t.put("sizes", fields(
        "kind", Type.STRING, "memory", Type.STRING, "cpus", Type.STRING, "memory_reservation", Type.STRING,
        "cpus_reservation", Type.STRING, "pids_limit", Type.INTEGER, "source", Type.STRING));
    TABLES = Collections.unmodifiableMap(t);
  }

  private static Map<String, Type> fields(Object... kv) {
    Map<String, Type> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Type) kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  static List<Map<String, Object>> entries(Config.Reader r, YNode n, String table, Map<String, Type> fields)
      throws YamlException {
    if (!(n instanceof YNode.Sequence seq)) {
      throw r.error(n, "knowledge." + table + " must be a list of entries, not " + Config.Reader.kind(n));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    String required = REQUIRED.get(table);
    for (YNode item : seq.items) {
      YNode.Mapping m = r.mapping(item.resolve(), "an entry of knowledge." + table);
      Map<String, Object> entry = new LinkedHashMap<>();
      for (YNode.Entry e : m.entries) {
        String key = r.key(e);
        Type type = fields.get(key);
        if (type == null) {
          throw r.error(e.key(), "unknown key '" + key + "' in knowledge." + table + " (expected "
              + String.join(", ", fields.keySet()) + ")");
        }
        String what = "knowledge." + table + "." + key;
        YNode v = e.value().resolve();
        Object value = switch (type) {
          case STRING -> r.string(v, what);
          case INTEGER -> r.integer(v, what);
          case BOOLEAN -> r.bool(v, what);
          case STRINGS -> r.strings(v, what);
          case STRING_OR_STRINGS -> v instanceof YNode.Sequence ? r.strings(v, what) : r.string(v, what);
        };
        if (key.equals("kind") && !KINDS.contains((String) value)) {
          throw r.error(v, what + ": unknown kind '" + value + "' (expected one of " + String.join(", ", KINDS) + ")");
        }
        entry.put(key, value);
      }
      if (!entry.containsKey(required)) {
        throw r.error(m, "an entry of knowledge." + table + " needs '" + required + "'");
      }
      if (table.equals("users") && !entry.containsKey("uid")) {
        throw r.error(m, "an entry of knowledge.users needs 'uid'");
      }
      if (table.equals("healthchecks") && !entry.containsKey("test") && !Boolean.TRUE.equals(entry.get("builtin"))) {
        throw r.error(m, "an entry of knowledge.healthchecks needs 'test' (or 'builtin: true')");
      }
      out.add(Collections.unmodifiableMap(entry));
    }
    return List.copyOf(out);
  }
}
