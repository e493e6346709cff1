package dev.composefix.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fix loop's batches: every rule's fixes of a pass applied together, clashes left to the next pass. */
class BatchTest {
  /** Adds {@code key: value} to every service that lacks the key. */
  private record AddKey(String id, String key, Object value) implements Rule {
    @Override
    public String summary() {
      return "adds " + key;
    }

    @Override
    public Applicability applicability() {
      return Applicability.SAFE;
    }

    @Override
    public void check(RuleContext ctx) {
      for (Service s : ctx.file().services()) {
        if (s.own != null && s.own.entry(key) == null) {
          ctx.fix(s.key, s, "no " + key, ctx.patch().addEntry(s.own, key, value, null));
        }
      }
    }
  }

  /** Adds {@code key: value} inside the service's mapping {@code outer}, when it has one. */
  private record AddInside(String id, String outer, String key, Object value) implements Rule {
    @Override
    public String summary() {
      return "adds " + outer + "." + key;
    }

    @Override
    public Applicability applicability() {
      return Applicability.SAFE;
    }

    @Override
    public void check(RuleContext ctx) {
      for (Service s : ctx.file().services()) {
        if (s.own != null && s.own.get(outer) instanceof YNode.Mapping m && m.entry(key) == null) {
          ctx.fix(s.key, s, "no " + outer + "." + key, ctx.patch().addEntry(m, key, value, null));
        }
      }
    }
  }

  private static FileResult run(String text, Rule... rules) throws Exception {
    return new Engine(List.of(rules), false).run("t.yaml", text);
  }

  @Test
  void twoRulesAddingTheSameKeyDoNotBothWriteIt() throws Exception {
    FileResult r = run("services:\n  web:\n    image: nginx\n",
        new AddKey("first", "restart", "always"), new AddKey("second", "restart", "no"));
    assertEquals("services:\n  web:\n    image: nginx\n    restart: always\n", r.after());
    assertEquals(1, r.fixed().size());
    assertEquals("first", r.fixed().get(0).rule());
  }

  @Test
  void keysAddedAtOnePlaceKeepTheRulesOrder() throws Exception {
    FileResult r = run("services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n",
        new AddKey("a", "restart", "always"), new AddKey("b", "init", true), new AddKey("c", "logging",
            Map.of("driver", "local")));
    assertEquals("services:\n  web:\n    image: nginx\n    restart: always\n    init: true\n    logging:\n"
        + "      driver: local\n  db:\n    image: postgres\n    restart: always\n    init: true\n    logging:\n"
        + "      driver: local\n", r.after());
    assertEquals(6, r.fixed().size());
  }

  @Test
  void aKeyAddedInsideABlockGoesBeforeAKeyAddedAfterIt() throws Exception {
    // both insert where the logging block ends: the deeper one continues the block
    FileResult r = run("services:\n  web:\n    logging:\n      driver: local\n",
        new AddKey("outer", "restart", "always"), new AddInside("inner", "logging", "options", Map.of("max-size", "10m")));
    assertEquals("services:\n  web:\n    logging:\n      driver: local\n      options:\n        max-size: 10m\n"
        + "    restart: always\n", r.after());
  }

  @Test
  void aRuleThatWritesIntoWhatAnotherAddsWaitsForTheNextPass() throws Exception {
    FileResult r = run("services:\n  web:\n    image: nginx\n",
        new AddKey("outer", "logging", Map.of("driver", "local")), new AddInside("inner", "logging", "options",
            Map.of("max-size", "10m")));
    assertEquals("services:\n  web:\n    image: nginx\n    logging:\n      driver: local\n      options:\n"
        + "        max-size: 10m\n", r.after());
    assertEquals(List.of("outer", "inner"), r.fixed().stream().map(f -> f.rule()).toList());
    assertTrue(r.remaining().isEmpty());
  }
}
