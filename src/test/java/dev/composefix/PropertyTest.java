package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.composefix.compose.ComposePolicy;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Verify;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Generated compose documents in many styles (indentation, sequence style, flow or block, quotes,
 * comments, blank lines, CRLF, BOM, anchors and merge keys): with no rules the text comes back byte
 * for byte; with every rule the result parses, keeps every original value, and is idempotent.
 */
class PropertyTest {
  /** How one generated file is written. */
  record Style(
      int indent,
      boolean indentSeq,
      boolean crlf,
      boolean bom,
      boolean finalNewline,
      char quote,
      boolean comments,
      boolean anchors) {}

  /** One generated service. */
  record Svc(
      String name,
      String image,
      List<String> ports,
      List<String[]> env,
      boolean flow,
      int extras,
      boolean merge,
      String comment) {
    boolean restart() {
      return (extras & 1) != 0;
    }

    boolean logging() {
      return (extras & 2) != 0;
    }
  }

  @Provide
  Arbitrary<String> composeFiles() {
    Arbitrary<Style> style =
        Combinators.combine(
                Arbitraries.of(2, 4),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, true, false),
                Arbitraries.of('"', '\'', ' '),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(Style::new);
    Arbitrary<String> names =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> images =
        Arbitraries.of(
            "nginx:1.27",
            "postgres:16",
            "redis:7",
            "mysql:8",
            "app",
            "ghcr.io/x/y@sha256:" + "a".repeat(64),
            "${IMAGE:-busybox:1.36}",
            "mongo",
            "traefik:v3",
            "üñí/cödé:1");
    Arbitrary<String> ports = Arbitraries.integers().between(1, 65535).map(p -> p + ":" + 80);
    Arbitrary<String[]> env =
        Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(5),
                Arbitraries.of(
                    "1", "true", "yes", "", "x y", "${V:-d}", "😀", "'q'", "a: b", "#x", "0777"))
            .as((k, v) -> new String[] {k, v});
    Arbitrary<Svc> svc =
        Combinators.combine(
                names,
                images,
                ports.list().ofMaxSize(3),
                env.list().ofMaxSize(3),
                Arbitraries.of(true, false, false, false),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false),
                Arbitraries.of("", "", "# note", "# 😀 ü"))
            .as(Svc::new);
    return Combinators.combine(
            style,
            svc.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Svc::name),
            Arbitraries.of(true, false))
        .as(PropertyTest::render);
  }

  static String q(Style st, String v) {
    if (st.quote() == ' '
        && v.matches("[A-Za-z0-9_./:@-]+")
        && !v.matches("[0-9:]+|yes|true|0777|1")) {
      return v;
    }
    char q = st.quote() == ' ' ? '"' : st.quote();
    return q == '"'
        ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : "'" + v.replace("'", "''") + "'";
  }

  static String render(Style st, List<Svc> svcs, boolean version) {
    String i1 = " ".repeat(st.indent());
    String i2 = i1 + i1;
    String i3 = i2 + i1;
    String seq = st.indentSeq() ? i3 : i2;
    StringBuilder b = new StringBuilder();
    if (st.comments()) {
      b.append("# generated\n\n");
    }
    if (version) {
      b.append("version: \"3.8\"\n");
    }
    if (st.anchors()) {
      b.append("x-common: &common\n")
          .append(i1)
          .append("environment:\n")
          .append(i2)
          .append("TZ: UTC\n");
    }
    b.append("services:\n");
    for (Svc s : svcs) {
      if (!s.comment().isEmpty() && st.comments()) {
        b.append(i1).append(s.comment()).append('\n');
      }
      if (s.flow()) {
        b.append(i1).append(s.name()).append(": {image: ").append(q(st, s.image()));
        if (!s.ports().isEmpty()) {
          b.append(", ports: [");
          for (int i = 0; i < s.ports().size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(s.ports().get(i)).append('"');
          }
          b.append(']');
        }
        b.append("}\n");
        continue;
      }
      b.append(i1).append(s.name()).append(":");
      b.append(st.comments() && s.comment().isEmpty() ? "  # svc\n" : "\n");
      if (s.merge() && st.anchors()) {
        b.append(i2).append("<<: *common\n");
      }
      b.append(i2).append("image: ").append(q(st, s.image())).append('\n');
      if (!s.ports().isEmpty()) {
        b.append(i2).append("ports:\n");
        for (String p : s.ports()) {
          b.append(seq).append("- \"").append(p).append("\"\n");
        }
      }
      if (!s.env().isEmpty() && !(s.merge() && st.anchors())) {
        b.append(i2).append("environment:\n");
        List<String> seen = new ArrayList<>();
        for (String[] e : s.env()) {
          if (!seen.contains(e[0])) {
            seen.add(e[0]);
            b.append(i3).append(e[0]).append(": ").append(q(st, e[1])).append('\n');
          }
        }
      }
      if (s.restart()) {
        b.append(i2).append("restart: always\n");
      }
      if (s.logging()) {
        b.append(i2).append("logging:\n").append(i3).append("driver: json-file\n");
      }
      if (st.comments()) {
        b.append('\n');
      }
    }
    String text = b.toString();
    if (!st.finalNewline()) {
      text = text.stripTrailing();
    }
    if (st.crlf()) {
      text = text.replace("\n", "\r\n");
    }
    return st.bom() ? "\uFEFF" + text : text;
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
  void noRulesRoundTripIsByteIdentical(@ForAll("composeFiles") String text) throws Exception {
    FileResult r = new Engine(List.of(), false).run("compose.yaml", text);
    assertEquals(text, r.after());
    assertFalse(r.changed());
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
  void allRulesKeepValuesAndSettle(@ForAll("composeFiles") String text) throws Exception {
    for (boolean unsafe : new boolean[] {false, true}) {
      Engine engine = new Engine(Registry.select(List.of("ALL"), List.of()), unsafe);
      String after = engine.run("compose.yaml", text).after();
      Document before = Document.parse(text);
      Document parsed = Document.parse(after);
      assertNull(
          new Verify(List.of()).firstLost(before.root, parsed.root, ComposePolicy.INSTANCE), after);
      assertEquals(before.text.startsWith("\uFEFF"), parsed.text.startsWith("\uFEFF"));
      assertEquals(text.contains("\r\n"), after.contains("\r\n"));
      if (text.contains("\r\n")) {
        assertFalse(
            after.replace("\r\n", "").contains("\n"), "no LF line in a CRLF file:\n" + after);
      }
      FileResult again = engine.run("compose.yaml", after);
      assertEquals(after, again.after(), "idempotent");
    }
  }
}
