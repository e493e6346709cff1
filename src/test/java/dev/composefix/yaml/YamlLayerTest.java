package dev.composefix.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.ComposePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the lossless YAML layer's building blocks, written to kill the mutants PIT found
 * alive.
 */
class YamlLayerTest {
  static Document doc(String text) throws YamlException {
    return Document.parse(text);
  }

  static String diff(String a, String b, List<List<String>> routes) throws YamlException {
    return new Verify(routes).firstDifference(doc(a).root, doc(b).root);
  }

  static String lost(String a, String b) throws YamlException {
    return new Verify(List.of()).firstLost(doc(a).root, doc(b).root, ComposePolicy.INSTANCE);
  }

  @Test
  void verifyFindsEveryKindOfChange() throws Exception {
    String a = "a: 1\nb: [x, y]\nc: {d: e}\n";
    assertNull(diff(a, a, List.of()));
    assertEquals("a", diff(a, "a: 2\nb: [x, y]\nc: {d: e}\n", List.of()));
    assertEquals(
        "a", diff(a, "a: '1'\nb: [x, y]\nc: {d: e}\n", List.of()), "quoting changes the type");
    assertEquals("a", diff(a, "a: !!str 1\nb: [x, y]\nc: {d: e}\n", List.of()), "tags count");
    assertEquals("a", diff(a, "a: &x 1\nb: [x, y]\nc: {d: e}\n", List.of()), "anchors count");
    assertEquals("a", diff(a, "a: [1]\nb: [x, y]\nc: {d: e}\n", List.of()), "kinds count");
    assertEquals("b.2", diff(a, "a: 1\nb: [x, y, z]\nc: {d: e}\n", List.of()));
    assertEquals("b.1", diff(a, "a: 1\nb: [x]\nc: {d: e}\n", List.of()));
    assertEquals("c.f", diff(a, "a: 1\nb: [x, y]\nc: {d: e, f: g}\n", List.of()));
    assertEquals("c.d", diff(a, "a: 1\nb: [x, y]\nc: {}\n", List.of()));
    assertNull(diff(a, "a: 1\nb: [x, y]\nc: {d: e, f: g}\n", List.of(List.of("c", "f"))));
    assertNull(diff(a, "a: 1\nb: [x, y]\nc: {d: z, f: g}\n", List.of(List.of("c"))));
    assertEquals("c.d", diff(a, "a: 1\nb: [x, y]\nc: {d: z, f: g}\n", List.of(List.of("c", "f"))));
    assertNull(diff(a, "q: 1\n", List.of(List.of())), "the empty route covers everything");
    assertEquals("d", diff("a: &x 1\nd: *x\n", "a: &x 1\nb: &y 1\nd: *y\n", List.of(List.of("b"))));
    assertEquals("", diff("? [k]\n: v\n", "{}\n", List.of()), "complex keys are counted");
    assertEquals("", diff("{}\n", "? [k]\n: v\n", List.of()));
  }

  @Test
  void firstLostAllowsAdditionsAndTheDocumentedMigrations() throws Exception {
    String a = "version: '3'\nservices:\n  web:\n    depends_on: [db, cache]\n    ports: ['80']\n";
    assertNull(
        lost(
            a,
            "services:\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n"
                + "      cache: {condition: service_started}\n    ports: ['80', '443']\n    restart: always\n"));
    assertEquals(
        "services.web.depends_on",
        lost(a, "services:\n  web:\n    depends_on:\n      db: {}\n    ports: ['80']\n"));
    assertEquals(
        "services.web.ports.0",
        lost(a, "services:\n  web:\n    depends_on: [db, cache]\n    ports: ['81']\n"));
    assertEquals("services.web.ports", lost(a, "services:\n  web:\n    depends_on: [db, cache]\n"));
    assertEquals(
        "x.depends_on",
        lost("x:\n  depends_on: [a]\n", "x:\n  depends_on: {a: {}}\n"),
        "the migration is only for services");
    assertEquals("", lost("? [k]\n: v\n", "{}\n"));
    assertNull(lost("{}\n", "? [k]\n: v\n"));
  }

  @Test
  void documentFacts() throws Exception {
    Document d = doc("\uFEFFa: &x [1]\nb: *x\nc: *x\nd: &unused 2\ne: 'q'\nf: 'r'\ng: \"s\"");
    assertTrue(d.text.startsWith("\uFEFF"));
    assertFalse(d.text.endsWith("\n"));
    assertEquals('\'', d.preferredQuote());
    YNode.Mapping m = (YNode.Mapping) d.root;
    YNode x = m.entry("a").value();
    assertEquals(2, d.aliasesOf(x).size());
    assertSame(x, d.aliasesOf(x).get(0).target());
    assertEquals(List.of(), d.aliasesOf(m.entry("d").value()));
    YNode one = ((YNode.Sequence) x).items.get(0);
    assertSame(x, d.sharedAncestor(one));
    assertNull(d.sharedAncestor(m.entry("d").value()), "an anchor nobody uses shares nothing");
    assertEquals("\n", d.eol);
    Document e = doc("a: \"1\"\r\nb: '2'\r\n");
    assertFalse(e.text.startsWith("\uFEFF"));
    assertTrue(e.text.endsWith("\n"));
    assertEquals('"', e.preferredQuote(), "double quotes when tied");
    assertEquals("\r\n", e.eol);
    assertNull(doc("# nothing\n").root);
  }

  @Test
  void errorsPointAtTheirLineAndColumn() {
    YamlException e = assertThrows(YamlException.class, () -> doc("a: 1\nb: 2\na: 3\n"));
    assertEquals(3, e.line);
    assertEquals(1, e.column);
    assertEquals("duplicate key 'a'", e.getMessage());
    YamlException b = assertThrows(YamlException.class, () -> doc("\uFEFFa: 1\nb: 2\na: 3\n"));
    assertEquals(3, b.line, "a BOM shifts nothing");
    assertEquals(1, b.column);
    YamlException s =
        assertThrows(YamlException.class, () -> doc("a: 😀😀\n  b: 😀 😀\nc: 😀\nc: 1\n"));
    assertEquals(2, s.line);
    YamlException u = assertThrows(YamlException.class, () -> doc("k: 😀\nc: 😀\nc: 1\n"));
    assertEquals(3, u.line);
    assertEquals(1, u.column);
    YamlException q = assertThrows(YamlException.class, () -> doc("a: 1\nb: \"open\n"));
    assertTrue(q.getMessage().startsWith("invalid YAML: "), q.getMessage());
    assertFalse(q.getMessage().contains("\n"), "one line");
    assertTrue(q.line >= 2, "line " + q.line);
    assertTrue(
        q.getMessage().endsWith("(while scanning a quoted scalar that starts at 2:4)"),
        q.getMessage());
    YamlException c = assertThrows(YamlException.class, () -> doc("a: 😀\u0001\n"));
    assertEquals(1, c.line);
    assertEquals(6, c.column, "columns count UTF-16 characters (the emoji is two)");
    assertTrue(c.getMessage().contains("U+0001"));
    YamlException m = assertThrows(YamlException.class, () -> doc("a: 1\n---\nb: 2\n"));
    assertEquals(2, m.line);
  }

  @Test
  void depthAndExpansionLimitsAreExact() throws Exception {
    int depth = Document.MAX_DEPTH;
    doc("[".repeat(depth) + "]".repeat(depth));
    assertThrows(YamlException.class, () -> doc("[".repeat(depth + 1) + "]".repeat(depth + 1)));
    // a: 999 scalars + the list = 1000 nodes; b: 999 aliases of a + the list = 999,001 nodes;
    // with the root mapping and its two keys: 1,000,004 nodes > 1,000,000
    String a = "a: &a [" + "x,".repeat(998) + "x]\n";
    String b = "b: [" + "*a,".repeat(998) + "*a]\n";
    YamlException e = assertThrows(YamlException.class, () -> doc(a + b));
    assertTrue(e.getMessage().contains("alias"), e.getMessage());
    String b2 = "b: [" + "*a,".repeat(994) + "*a]\n"; // 995,001 + 1,000 + 3 nodes: accepted
    doc(a + b2);
    assertThrows(YamlException.class, () -> doc("a: &a [*a]\n"));
    assertThrows(YamlException.class, () -> doc("a: *nope\n"));
  }

  @Test
  void editOverlaps() {
    Edit ins5 = new Edit(5, 5, "i", null, List.of(), null);
    Edit ins5b = new Edit(5, 5, "j", null, List.of(), null);
    Edit rep3to8 = new Edit(3, 8, "r", null, List.of(), null);
    Edit rep5to9 = new Edit(5, 9, "r", null, List.of(), null);
    Edit rep1to5 = new Edit(1, 5, "r", null, List.of(), null);
    Edit rep8to9 = new Edit(8, 9, "r", null, List.of(), null);
    assertTrue(ins5.overlaps(rep3to8));
    assertTrue(rep3to8.overlaps(ins5));
    assertFalse(ins5.overlaps(rep5to9), "at the start of a replacement");
    assertFalse(rep1to5.overlaps(ins5), "at the end of a replacement");
    assertFalse(ins5.overlaps(ins5b));
    assertTrue(rep3to8.overlaps(rep5to9));
    assertTrue(rep5to9.overlaps(rep3to8));
    assertFalse(rep3to8.overlaps(rep8to9), "adjacent");
    assertFalse(rep8to9.overlaps(rep3to8));
    assertFalse(rep1to5.overlaps(rep5to9));
    assertTrue(ins5.sameSplice(new Edit(5, 5, "i", null, List.of("x"), new Hoist("h", "x"))));
    assertFalse(ins5.sameSplice(ins5b));
    assertFalse(ins5.sameSplice(new Edit(5, 6, "i", null, List.of(), null)));
  }

  @Test
  void splicer() {
    Edit a = new Edit(2, 2, "A", null, List.of(), null);
    Edit b = new Edit(2, 2, "B", null, List.of(), null);
    Edit r = new Edit(4, 6, "R", null, List.of(), null);
    Edit inside = new Edit(5, 5, "I", null, List.of(), null);
    assertEquals("01AB23R6789", Splicer.apply("0123456789", List.of(r, a, b)));
    assertEquals("0123456789", Splicer.apply("0123456789", List.of()));
    assertEquals(
        List.of(r, a),
        Splicer.compatible(List.of(r, inside, a, new Edit(2, 2, "A", null, List.of(), null))));
  }

  @Test
  void lineIndex() {
    LineIndex li = new LineIndex("\uFEFFab\n  cd\n\nx");
    assertEquals(1, li.line(1));
    assertEquals(1, li.column(1), "the BOM is not a column");
    assertEquals(1, li.line(3));
    assertEquals(2, li.line(4));
    assertEquals(3, li.column(6));
    assertEquals(4, li.lineStart(7));
    assertEquals(9, li.nextLineStart(4));
    assertEquals(11, li.nextLineStart(10));
    assertTrue(li.firstOnLine(6));
    assertFalse(li.firstOnLine(7));
    assertEquals(4, li.line(10));
  }

  @Test
  void routes() throws Exception {
    Document d = doc("a:\n  - x\n  - b: [y, z]\n");
    YNode.Mapping m = (YNode.Mapping) d.root;
    YNode.Sequence s = (YNode.Sequence) m.get("a");
    YNode z = ((YNode.Sequence) ((YNode.Mapping) s.items.get(1)).get("b")).items.get(1);
    assertEquals(List.of("a", "1", "b", "1"), Routes.of(z));
    assertEquals("a.1.b.1", Routes.text(Routes.of(z)));
    assertEquals(List.of(), Routes.of(d.root));
    assertEquals(List.of("a", "x"), Routes.child(List.of("a"), "x"));
    assertTrue(Routes.of(m.entries.get(0).key()).get(0).startsWith("?key"));
  }

  @Test
  void styleDetection() throws Exception {
    Style four = Style.of(doc("a:\n    b:\n        c: 1\n    d:\n    - x\n"));
    assertEquals(4, four.indent());
    assertFalse(four.indentSequences());
    Style two = Style.of(doc("a:\n  b:\n    - x\n  c: {d: 1}\n"));
    assertEquals(2, two.indent());
    assertTrue(two.indentSequences());
    assertEquals(2, Style.of(doc("a: 1\n")).indent(), "two by default");
    assertTrue(Style.of(doc("a: 1\n")).indentSequences());
    assertEquals(
        3,
        Style.of(doc("a:\n   b: 1\nc:\n   d: 2\ne:\n  f: 3\n")).indent(),
        "the most common step");
    assertEquals('\'', Style.of(doc("a: 'x'\n")).quote());
    assertEquals("\r\n", Style.of(doc("a: 1\r\n")).eol());
  }

  @Test
  void scalarsAndMappings() throws Exception {
    YNode.Mapping m =
        (YNode.Mapping)
            doc("a: ~\nb: null\nc: 'null'\nd:\ne: !!null x\nf: NULL\ng: Null\nh: nil\n"
                    + "i: 1\nj: 2\na2: 3\n")
                .root;
    assertTrue(((YNode.Scalar) m.get("a")).isNull());
    assertTrue(((YNode.Scalar) m.get("b")).isNull());
    assertFalse(((YNode.Scalar) m.get("c")).isNull());
    assertTrue(((YNode.Scalar) m.get("d")).isNull());
    assertFalse(((YNode.Scalar) m.get("e")).isNull(), "a tagged scalar is what its tag says");
    assertTrue(((YNode.Scalar) m.get("f")).isNull());
    assertTrue(((YNode.Scalar) m.get("g")).isNull());
    assertFalse(((YNode.Scalar) m.get("h")).isNull());
    assertEquals("3", m.get("a2").toString());
    assertNull(m.get("zz"));
    assertEquals(11, m.entries.size());
    YNode.Mapping small = (YNode.Mapping) doc("a: 1\nb: 2\n").root;
    assertEquals("2", small.get("b").toString());
    assertNull(small.entry("c"));
  }
}
