package dev.composefix.engine;

import static dev.composefix.rule.TestRules.addInside;
import static dev.composefix.rule.TestRules.addKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.rule.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fix loop's batches: every rule's fixes of a pass applied together, clashes left to the next
 * pass.
 */
class BatchTest {
  private static FileResult run(String text, Rule... rules) throws Exception {
    return new Engine(List.of(rules), false).run("t.yaml", text);
  }

  @Test
  void twoRulesAddingTheSameKeyDoNotBothWriteIt() throws Exception {
    FileResult r =
        run(
            "services:\n  web:\n    image: nginx\n",
            addKey("first", "restart", "always"),
            addKey("second", "restart", "no"));
    assertEquals("services:\n  web:\n    image: nginx\n    restart: always\n", r.after());
    assertEquals(1, r.fixed().size());
    assertEquals("first", r.fixed().get(0).rule());
  }

  @Test
  void keysAddedAtOnePlaceKeepTheRulesOrder() throws Exception {
    FileResult r =
        run(
            "services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n",
            addKey("a", "restart", "always"),
            addKey("b", "init", true),
            addKey("c", "logging", Map.of("driver", "local")));
    assertEquals(
        "services:\n  web:\n    image: nginx\n    restart: always\n    init: true\n    logging:\n"
            + "      driver: local\n  db:\n    image: postgres\n    restart: always\n    init: true\n    logging:\n"
            + "      driver: local\n",
        r.after());
    assertEquals(6, r.fixed().size());
  }

  @Test
  void aKeyAddedInsideABlockGoesBeforeAKeyAddedAfterIt() throws Exception {
    // both insert where the logging block ends: the deeper one continues the block
    FileResult r =
        run(
            "services:\n  web:\n    logging:\n      driver: local\n",
            addKey("outer", "restart", "always"),
            addInside("inner", "logging", "options", Map.of("max-size", "10m")));
    assertEquals(
        "services:\n  web:\n    logging:\n      driver: local\n      options:\n        max-size: 10m\n"
            + "    restart: always\n",
        r.after());
  }

  @Test
  void aRuleThatWritesIntoWhatAnotherAddsWaitsForTheNextPass() throws Exception {
    FileResult r =
        run(
            "services:\n  web:\n    image: nginx\n",
            addKey("outer", "logging", Map.of("driver", "local")),
            addInside("inner", "logging", "options", Map.of("max-size", "10m")));
    assertEquals(
        "services:\n  web:\n    image: nginx\n    logging:\n      driver: local\n      options:\n"
            + "        max-size: 10m\n",
        r.after());
    assertEquals(List.of("outer", "inner"), r.fixed().stream().map(f -> f.rule()).toList());
    assertTrue(r.remaining().isEmpty());
  }
}
