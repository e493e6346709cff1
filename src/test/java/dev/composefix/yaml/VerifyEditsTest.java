package dev.composefix.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison skips untouched subtrees, but still sees what a splice did to the text after it.
 */
class VerifyEditsTest {
  static String check(String before, Edit e) throws Exception {
    Document a = Document.parse(before);
    Document b = Document.parse(Splicer.apply(before, List.of(e)));
    return new Verify(List.of(e.route())).withEdits(List.of(e)).firstDifference(a.root, b.root);
  }

  @Test
  void anInsertionThatOnlyAddsItsKeyPasses() throws Exception {
    String text = "services:\n  web:\n    image: x\n  db:\n    image: y\n";
    int at = text.indexOf("  db:");
    assertNull(
        check(text, new Edit(at - 0, at, "", null, List.of("services", "web", "restart"), null)));
    Edit add =
        new Edit(
            at, at, "    restart: always\n", null, List.of("services", "web", "restart"), null);
    assertNull(check(text, add));
  }

  @Test
  void anInsertionThatSwallowsTheNextLinesIsCaught() throws Exception {
    // a block scalar opened by the splice takes the following, more indented lines as its text
    String text =
        "services:\n  web:\n    image: x\n    ports:\n      - \"80:80\"\n  db:\n    image: y\n";
    int at = text.indexOf("    image: x");
    Edit e = new Edit(at, at, "  other: |\n", null, List.of("services", "other"), null);
    assertEquals("services.web", check(text, e));
  }

  @Test
  void anInsertionThatChangesAValueOnItsLineIsCaught() throws Exception {
    String text = "services:\n  web:\n    image: x\n    restart: always\n";
    int at = text.indexOf("always");
    Edit e = new Edit(at, at, "un", null, List.of("services", "web", "labels"), null);
    assertEquals("services.web.restart", check(text, e));
  }
}
