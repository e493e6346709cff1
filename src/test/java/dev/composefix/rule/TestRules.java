package dev.composefix.rule;

import dev.composefix.compose.Service;
import dev.composefix.yaml.YNode;

/** Small safe rules for tests of the engine: each adds one key where it is missing. */
public final class TestRules {
  private TestRules() {}

  /** Adds {@code key: value} to every service that does not have the key. */
  public static Rule addKey(String id, String key, Object value) {
    return new Adding(id, null, key, value);
  }

  /** Adds {@code key: value} inside each service's mapping {@code outer}, where it has one. */
  public static Rule addInside(String id, String outer, String key, Object value) {
    return new Adding(id, outer, key, value);
  }

  private record Adding(String id, String outer, String key, Object value) implements Rule {
    @Override
    public String summary() {
      return "adds " + (outer == null ? "" : outer + ".") + key;
    }

    @Override
    public Applicability applicability() {
      return Applicability.SAFE;
    }

    @Override
    public void check(RuleContext ctx) {
      for (Service s : ctx.file().services()) {
        YNode.Mapping m =
            outer == null
                ? s.own
                : s.own != null && s.own.get(outer) instanceof YNode.Mapping o ? o : null;
        if (m != null && m.entry(key) == null && (outer != null || !s.has(key))) {
          ctx.fix(
              s.key,
              s,
              "no " + summary().substring(5),
              "Add `" + key + "`",
              ctx.patch().addEntry(m, key, value, null));
        }
      }
    }
  }
}
