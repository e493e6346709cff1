package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's {@code environment} read as compose reads it, in map or list form: each variable with
 * the node that sets it and its value as written (before interpolation), or null for a name without
 * a value (taken from the shell that runs compose).
 */
record Environment(Map<String, Var> vars, boolean complete) {

  /** One variable: the node to point at, and the value as written or null. */
  record Var(String name, YNode at, String value) {
    /** True when the value is written out in the file, without any variable reference. */
    boolean literal() {
      return value != null && !value.contains("$");
    }
  }

  static Environment of(Service s) {
    Map<String, Var> out = new LinkedHashMap<>();
    boolean complete = !s.has("env_file");
    YNode env = s.get("environment");
    if (env instanceof YNode.Mapping m) {
      for (YNode.Entry e : m.entries) {
        String k = e.keyText();
        if (k == null || k.equals("<<")) {
          complete = false;
          continue;
        }
        YNode v = e.value().resolve();
        String val =
            v instanceof YNode.Scalar sc && !sc.isNull()
                ? sc.value
                : v instanceof YNode.Scalar sc2 && sc2.isNull() ? null : "";
        out.put(
            k,
            new Var(
                k,
                e.value() instanceof YNode.Scalar sc3 && sc3.isNull() ? e.key() : e.value(),
                val));
      }
    } else if (env instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        if (i.resolve() instanceof YNode.Scalar sc && !sc.isNull()) {
          int eq = sc.value.indexOf('=');
          String k = eq < 0 ? sc.value.strip() : sc.value.substring(0, eq).strip();
          out.put(k, new Var(k, i, eq < 0 ? null : sc.value.substring(eq + 1)));
        }
      }
    }
    return new Environment(out, complete);
  }

  /**
   * What the container sees for a variable, as far as the file tells: the value as written, or null
   * when it is not known here (a name without a value, an env_file, a merged block). {@code absent}
   * is returned for a variable the container surely does not get from the file.
   */
  String known(String name, String absent) {
    Var v = vars.get(name);
    if (v != null) {
      return v.value();
    }
    return complete ? absent : null;
  }

  Var get(String name) {
    return vars.get(name);
  }

  boolean has(String name) {
    return vars.containsKey(name);
  }
}
