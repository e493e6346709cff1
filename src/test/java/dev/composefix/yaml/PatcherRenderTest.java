package dev.composefix.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.ComposePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The edit builders and the renderer, each edit applied and its text checked exactly. */
class PatcherRenderTest {
  /** The text with the edit applied, or null when the patcher refuses it. */
  static String apply(String text, java.util.function.BiFunction<Patcher, YNode.Mapping, Patch> f)
      throws Exception {
    Patch p = patch(text, f);
    return p instanceof Edit e ? Splicer.apply(text, List.of(e)) : null;
  }

  static Patch patch(String text, java.util.function.BiFunction<Patcher, YNode.Mapping, Patch> f)
      throws Exception {
    Document d = Document.parse(text);
    return f.apply(new Patcher(d, ComposePolicy.INSTANCE), (YNode.Mapping) d.root);
  }

  /** Why the patcher refuses the edit (fails when it makes one). */
  static Refusal.Reason refused(
      String text, java.util.function.BiFunction<Patcher, YNode.Mapping, Patch> f)
      throws Exception {
    Patch p = patch(text, f);
    if (p instanceof Refusal r) {
      return r.reason();
    }
    throw new AssertionError("expected a refusal, got " + p);
  }

  @Test
  void refusalsCarryTheirReason() throws Exception {
    assertEquals(
        Refusal.Reason.KEY_EXISTS,
        refused("a:\n  b: 1\n", (p, r) -> p.addEntry(map(r, "a"), "b", "x", null)));
    assertEquals(
        Refusal.Reason.COMMENT_IN_FLOW,
        refused("a: {b: 1, # one\n  d: 2}\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    assertEquals(
        Refusal.Reason.COMMENT_IN_FLOW,
        refused("a: [ # none yet\n]\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        Refusal.Reason.NOT_EMPTY,
        refused("a: x\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertEquals(
        Refusal.Reason.FLOW_LAYOUT,
        refused("{a: 1, b: 2}\n", (p, r) -> p.removeEntry(r, r.entry("b"))));
    assertEquals(
        Refusal.Reason.NOT_WHOLE_LINES,
        refused(
            "s:\n  - a: 1\n    b: 2\n",
            (p, r) -> {
              YNode.Mapping item = (YNode.Mapping) seq(r, "s").items.get(0);
              return p.removeEntry(item, item.entry("a"));
            }));
    assertEquals(
        Refusal.Reason.NOT_FLOW,
        refused("a:\n  - x\n", (p, r) -> p.addFlowItems(seq(r, "a"), List.of("y"))));
    // a node of another file's tree
    Document other = Document.parse("a:\n  b: 1\n");
    assertEquals(
        Refusal.Reason.OUTSIDE_DOCUMENT,
        refused(
            "a:\n  b: 1\n",
            (p, r) -> p.addEntry(map((YNode.Mapping) other.root, "a"), "c", "x", null)));
  }

  static YNode.Mapping map(YNode.Mapping root, String key) {
    return (YNode.Mapping) root.get(key);
  }

  static YNode.Sequence seq(YNode.Mapping root, String key) {
    return (YNode.Sequence) root.get(key);
  }

  static Map<String, Object> m(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  @Test
  void addEntry() throws Exception {
    assertEquals(
        "a:\n  b: 1\n  c: x\nd: 2\n",
        apply("a:\n  b: 1\nd: 2\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    assertEquals(
        "a:\n    b: |\n      t\n    c:\n        k: v\n\nd: 2\n",
        apply(
            "a:\n    b: |\n      t\n\nd: 2\n",
            (p, r) -> p.addEntry(map(r, "a"), "c", m("k", "v"), null)));
    // flow collections are edited in place, in their own spacing
    assertEquals(
        "a: {b: 1, c: x}\n",
        apply("a: {b: 1}\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    // flow collections are edited in place, in their own spacing
    assertEquals(
        "a:\n  c: x\n", apply("a: {}\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    // flow collections are edited in place, in their own spacing
    assertEquals(
        "a: {b: 1, c: x,}\n",
        apply("a: {b: 1,}\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    assertEquals(
        "a: {b: 1, c: [p, q] }\n",
        apply("a: {b: 1 }\n", (p, r) -> p.addEntry(map(r, "a"), "c", List.of("p", "q"), null)));
    // a comment inside the flow mapping: left to the user
    assertNull(
        apply("a: {b: 1, # one\n  d: 2}\n", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    assertEquals(
        "a:\n  b: 1\n  c: x",
        apply("a:\n  b: 1", (p, r) -> p.addEntry(map(r, "a"), "c", "x", null)));
    // services separated by blank lines: a new mapping entry keeps the rhythm
    assertEquals(
        "s:\n  a:\n    i: 1\n\n  b:\n    i: 2\n\n  c:\n    i: 3\n",
        apply(
            "s:\n  a:\n    i: 1\n\n  b:\n    i: 2\n",
            (p, r) -> p.addEntry(map(r, "s"), "c", m("i", 3), null)));
    assertEquals(
        "s:\n  a:\n    i: 1\n  b:\n    i: 2\n  c:\n    i: 3\n",
        apply(
            "s:\n  a:\n    i: 1\n  b:\n    i: 2\n",
            (p, r) -> p.addEntry(map(r, "s"), "c", m("i", 3), null)));
    assertEquals(
        "s:\n  a:\n    i: 1\n  c:\n    i: 3\n",
        apply("s:\n  a:\n    i: 1\n", (p, r) -> p.addEntry(map(r, "s"), "c", m("i", 3), null)));
    Document d = Document.parse("a:\n  b: 1\n");
    Edit e =
        (Edit)
            new Patcher(d, ComposePolicy.INSTANCE)
                .addEntry(
                    (YNode.Mapping) ((YNode.Mapping) d.root).get("a"),
                    "c",
                    "x",
                    new Hoist("c", "x"));
    assertEquals(List.of("a", "c"), e.route());
    assertEquals(new Hoist("c", "x"), e.hoist());
    assertEquals(
        2,
        new Patcher(d, ComposePolicy.INSTANCE)
            .keyColumn((YNode.Mapping) ((YNode.Mapping) d.root).get("a")));
    assertEquals(d, new Patcher(d, ComposePolicy.INSTANCE).document());
  }

  @Test
  void addItem() throws Exception {
    assertEquals(
        "a:\n  - x\n  - z\nb: 1\n",
        apply("a:\n  - x\nb: 1\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - x\n  - \"y\"\n",
        apply("a:\n  - x\n", (p, r) -> p.addItem(seq(r, "a"), "y")),
        "y is a boolean to YAML 1.1 readers");
    assertEquals("a:\n- x\n- z\n", apply("a:\n- x\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  -   x\n  -   z\n", apply("a:\n  -   x\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - \"x\"\n  - \"z\"\n",
        apply("a:\n  - \"x\"\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - 'x'\n  - 'z'\n", apply("a:\n  - 'x'\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - 'x'\n  - \"x\"\n  - z\n",
        apply("a:\n  - 'x'\n  - \"x\"\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - &k x\n  - z\n", apply("a:\n  - &k x\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - !!str x\n  - z\n",
        apply("a:\n  - !!str x\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    // flow collections are edited in place, in their own spacing
    assertEquals("a: [x, z]\n", apply("a: [x]\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    // flow collections are edited in place, in their own spacing
    assertEquals("a: [z]\n", apply("a: []\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    // flow collections are edited in place, in their own spacing
    assertEquals("a: [x, z,]\n", apply("a: [x,]\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals(
        "a:\n  - x\n  - k: v\n    l: w\n",
        apply("a:\n  - x\n", (p, r) -> p.addItem(seq(r, "a"), m("k", "v", "l", "w"))));
    assertEquals(
        "a:\n  - x\n  - [p, q]\n",
        apply("a:\n  - x\n", (p, r) -> p.addItem(seq(r, "a"), List.of("p", "q"))));
    assertEquals("a:\n  - x\n  - z", apply("a:\n  - x", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals("a:\n  - x\n  - z\n", apply("a:\n  - x\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
    assertEquals("a:\n  -\n  - z\n", apply("a:\n  -\n", (p, r) -> p.addItem(seq(r, "a"), "z")));
  }

  @Test
  void fillEmptyAndReplaceAndRemove() throws Exception {
    assertEquals(
        "a: # keep\n  - x\nb: 1\n",
        apply("a: # keep\nb: 1\n", (p, r) -> p.fillEmpty(r, r.entry("a"), List.of("x"))));
    assertEquals(
        "a:\n  k: v\n", apply("a:\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertEquals("a:\n  k: v", apply("a:", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("a: ~\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("a: ''\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("a: !!null\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("a: &x\nb: *x\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("a: x\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertNull(apply("{a: }\n", (p, r) -> p.fillEmpty(r, r.entry("a"), m("k", "v"))));
    assertEquals(
        "a: 2\nb: 1\n", apply("a: 1\nb: 1\n", (p, r) -> p.replace(r.get("a"), "2", List.of("a"))));
    assertEquals(
        "a: |\n  new\n\nb: 1\n",
        apply("a: |\n  old\n\nb: 1\n", (p, r) -> p.replace(r.get("a"), "|\n  new", List.of("a"))));
    assertEquals(
        "b: 1\n", apply("a:\n  - x\n  - y\nb: 1\n", (p, r) -> p.removeEntry(r, r.entry("a"))));
    assertEquals("a: 1\n", apply("a: 1\nb: 1\n", (p, r) -> p.removeEntry(r, r.entry("b"))));
    assertEquals(
        "a: 1\n# note\n", apply("a: 1\nb: 1 # note\n", (p, r) -> p.removeEntry(r, r.entry("b"))));
    assertEquals(
        "a: 1\n# note", apply("a: 1\nb: 1 # note", (p, r) -> p.removeEntry(r, r.entry("b"))));
    assertEquals(
        "x:\n  a: 1\n  # note\n",
        apply(
            "x:\n  a: 1\n  b: 2 # note\n",
            (p, r) -> p.removeEntry(map(r, "x"), map(r, "x").entry("b"))));
    assertNull(apply("{a: 1, b: 2}\n", (p, r) -> p.removeEntry(r, r.entry("b"))));
    assertNull(apply("x: {a: 1}\n", (p, r) -> p.removeEntry(map(r, "x"), map(r, "x").entry("a"))));
  }

  @Test
  void contentEnd() throws Exception {
    String t = "a: |\n  x\n\n\nb:\n  - p\n  - q\n\nc: {k: v}  \n";
    Document d = Document.parse(t);
    Patcher p = new Patcher(d, ComposePolicy.INSTANCE);
    YNode.Mapping r = (YNode.Mapping) d.root;
    assertEquals(t.indexOf("x") + 1, p.contentEnd(r.get("a")));
    assertEquals(t.indexOf("q") + 1, p.contentEnd(r.get("b")));
    assertEquals(t.indexOf("}") + 1, p.contentEnd(r.get("c")));
    assertEquals(t.indexOf("}") + 1, p.contentEnd(r));
  }

  @Test
  void dashBefore() {
    assertEquals(2, Patcher.dashBefore("a:\n- x", 4) - 1);
    assertEquals(5, Patcher.dashBefore("a:\n  - x", 7));
    assertEquals(5, Patcher.dashBefore("a:\n  -\tx", 7));
    assertEquals(5, Patcher.dashBefore("a:\n  - &a x", 10));
    assertEquals(-1, Patcher.dashBefore("a:\n  k x", 7));
    assertEquals(-1, Patcher.dashBefore("x", 0));
    assertEquals(-1, Patcher.dashBefore("a:\n   &a x", 9));
  }

  @Test
  void rendering() {
    Style two = new Style(2, true, '"', "\n");
    Style flush = new Style(4, false, '\'', "\r\n");
    assertEquals("  k: v\n", Render.entry("k", "v", 2, two));
    assertEquals(
        "k:\n  a: 1\n  b:\n    - x\n    - z\n",
        Render.entry("k", m("a", 1, "b", List.of("x", "z")), 0, two));
    assertEquals("k:\r\n    b:\r\n    - x\r\n", Render.entry("k", m("b", List.of("x")), 0, flush));
    assertEquals("k: {}\n", Render.entry("k", Map.of(), 0, two));
    assertEquals("k: []\n", Render.entry("k", List.of(), 0, two));
    assertEquals(
        "k:\n  # why\n  a: true\n", Render.entry("k", m("# why", null, "a", true), 0, two));
    assertEquals("k: \"1\"\n", Render.entry("k", "1", 0, two));
    assertEquals("k: '1'\r\n", Render.entry("k", new Render.Quoted("1"), 0, flush));
    assertEquals("k: 1\n", Render.entry("k", 1, 0, two));
    assertEquals("k: raw\n", Render.entry("k", new Render.Raw("raw"), 0, two));
    assertEquals("  - a: 1\n    b: 2\n", Render.item(m("a", 1, "b", 2), 2, 1, two));
    assertEquals("  -  a: 1\n     b: 2\n", Render.item(m("a", 1, "b", 2), 2, 2, two));
    assertEquals(
        "- [x, y z, \"1\", \"a,b\"]\n",
        Render.item(List.of("x", "y z", new Render.Quoted("1"), "a,b"), 0, 1, two));
    assertEquals("- {}\n", Render.item(Map.of(), 0, 1, two));
    assertEquals("- []\n", Render.item(List.of(), 0, 1, two));
    assertEquals("- x\n", Render.item("x", 0, 1, two));
    assertEquals(
        "{a: [1, \"x,y\"], b: {}}",
        Render.flow(m("# c", null, "a", List.of(1, "x,y"), "b", Map.of()), two));
    assertEquals("  a: 1\n", Render.children(m("a", 1), 0, two));
    assertEquals("  - a\n", Render.children(List.of("a"), 0, two));
    assertEquals("- a\n", Render.children(List.of("a"), 0, flush).replace("\r\n", "\n"));
    assertEquals("", Render.children("x", 0, two));
    assertEquals("\"a\\\"b\\\\c\\nd\\te\"", Render.quote("a\"b\\c\nd\te", '"'));
    assertEquals("'it''s'", Render.quote("it's", '\''));
    assertEquals("\"two\\nlines\"", Render.quote("two\nlines", '\''));
  }

  @Test
  void plainOkCases() {
    for (String s :
        List.of("x", "nginx:1.27", "a b", "no-new-privileges:true", "a-b", "/data", "x#y", "a,b")) {
      assertTrue(Render.plainOk(s, false), s);
    }
    for (String s :
        List.of(
            "", " x", "x ", "-x", "?x", ":x", "#x", "&x", "*x", "!x", "|x", ">x", "'x", "\"x", "%x",
            "@x", "`x", ",x", "[x", "]x", "{x", "}x", "a: b", "a #b", "a:", "a\nb", "a\tb", "1",
            "1.5", "0x1f", ".inf", "-1", "+1", "1e3", "10:30", "true", "No", "y", "OFF", "~",
            "null", ".NaN")) {
      assertFalse(Render.plainOk(s, false), s);
    }
    for (String s : List.of("a,b", "a[b", "a]b", "a{b", "a}b")) {
      assertFalse(Render.plainOk(s, true), s);
      assertTrue(Render.plainOk(s, false), s);
    }
  }

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.strings()
        .withChars("ab1 :-#,[]{}'\"\\\t\n.!&*|>%@`?~yYnN0xeE+")
        .ofMaxLength(8);
  }

  /** Whatever Render writes reads back as the same string, in block and in flow context. */
  @Property(tries = 400)
  void renderedScalarsReadBack(@ForAll("strings") String s) throws Exception {
    for (char q : new char[] {'"', '\''}) {
      Style st = new Style(2, true, q, "\n");
      YNode.Scalar block =
          (YNode.Scalar)
              ((YNode.Mapping) Document.parse(Render.entry("k", s, 0, st)).root).get("k");
      assertEquals(s, block.value);
      assertTrue(block.plain() ? Render.plainOk(s, false) : true);
      YNode.Sequence flow = (YNode.Sequence) Document.parse(Render.flow(List.of(s, "z"), st)).root;
      assertEquals(s, ((YNode.Scalar) flow.items.get(0)).value);
      assertEquals(2, flow.items.size());
      if (Render.plainOk(s, false)) {
        assertTrue(block.plain(), "a plain-safe string is written plain");
      }
    }
  }
}
