package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Refusal;
import dev.composefix.yaml.Refusal.Reason;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.Routes;
import dev.composefix.yaml.Style;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a service wait for another with a condition. The short list form is turned into the map
 * form, each old entry with {@code condition: service_started} (what the short form means), keeping
 * the comments on their lines; an existing map gets one more entry.
 */
public final class DependsOn {
  private DependsOn() {}

  public static final String STARTED = "service_started";

  /**
   * Edits that make {@code s} wait for {@code target} with {@code condition}, or a single refusal
   * when this layout cannot be edited safely. An existing entry for the target keeps its own
   * condition unless it has none.
   */
  public static List<Patch> require(Patcher p, Service s, String target, String condition) {
    YNode d = s.get("depends_on");
    if (d != null && !p.document().owns(d)) {
      // merged from another file or an extended service: not this file's text
      return Refusal.only(Reason.OUTSIDE_DOCUMENT);
    }
    Map<String, Object> cond = new LinkedHashMap<>();
    cond.put("condition", condition);
    if (d == null) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put(target, cond);
      return s.own == null
          ? Refusal.only(Reason.NO_OWN_MAPPING)
          : List.of(p.addEntry(s.own, "depends_on", v, null));
    }
    if (s.own == null) {
      return Refusal.only(Reason.NO_OWN_MAPPING);
    }
    if (s.own.entry("depends_on") == null && d != null) {
      return inherited(p, s, d, target, condition);
    }
    if (d instanceof YNode.Scalar sc && sc.isNull()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put(target, cond);
      return List.of(p.fillEmpty(s.own, s.own.entry("depends_on"), v));
    }
    if (d instanceof YNode.Mapping m) {
      YNode.Entry have = m.entry(target);
      if (have == null && m.lookup(target) != null) {
        // the entry comes through a merge key: an own entry would replace it whole
        return m.lookup(target) instanceof YNode.Mapping mm && mm.lookup("condition") != null
            ? List.of()
            : Refusal.only(Reason.UNSUPPORTED_LAYOUT);
      }
      if (have == null) {
        return List.of(p.addEntry(m, target, cond, null));
      }
      YNode hv = have.value().resolve();
      if (hv instanceof YNode.Mapping hm && hm.lookup("condition") == null) {
        return List.of(p.addEntry(hm, "condition", condition, null));
      }
      if (hv instanceof YNode.Scalar sc && sc.isNull()) {
        return List.of(p.fillEmpty(m, have, cond));
      }
      return List.of(); // already has a condition: the user's choice stands
    }
    if (d instanceof YNode.Sequence q && q.tag == null) {
      Set<String> names = new HashSet<>();
      for (YNode i : q.items) {
        if (i.resolve() instanceof YNode.Scalar sc && !names.add(sc.value)) {
          // a service named twice cannot become two keys; the user must pick one
          return Refusal.only(Reason.DUPLICATE_ITEM);
        }
      }
      return q.flow
          ? fromFlowList(p, s, q, target, condition)
          : fromBlockList(p, q, target, condition);
    }
    return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
  }

  /**
   * depends_on that the service only has through a merge key ({@code <<: *base}): the shared block
   * stays as it is and the service gets its own depends_on, the inherited entries (in map form)
   * plus the target, since its own key replaces the merged one.
   */
  private static List<Patch> inherited(
      Patcher p, Service s, YNode d, String target, String condition) {
    if (d == null) {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    if (d instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        if (!(i.resolve() instanceof YNode.Scalar sc) || sc.isNull()) {
          return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("condition", STARTED);
        v.put(sc.value, c);
      }
    } else if (d instanceof YNode.Mapping m) {
      for (YNode.Entry e : m.entries) {
        YNode ev = e.value().resolve();
        if (e.keyText() == null || "<<".equals(e.keyText())) {
          return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        if (ev instanceof YNode.Mapping em) {
          for (YNode.Entry x : em.entries) {
            if (!(x.value().resolve() instanceof YNode.Scalar xs)
                || x.keyText() == null
                || "<<".equals(x.keyText())) {
              return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
            }
            if (xs.style == YNode.Style.LITERAL
                || xs.style == YNode.Style.FOLDED
                || p.document().line(xs.start()) != p.document().line(xs.end())) {
              return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
            }
            c.put(x.keyText(), new Render.Raw(p.document().text.substring(xs.start(), xs.end())));
          }
        } else if (!(ev instanceof YNode.Scalar es && es.isNull())) {
          return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
        }
        if (c.isEmpty()) {
          c.put("condition", STARTED);
        }
        v.put(e.keyText(), c);
      }
    } else {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    if (v.containsKey(target)) {
      return List.of();
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("condition", condition);
    v.put(target, c);
    return List.of(p.addEntry(s.own, "depends_on", v, null));
  }

  /**
   * The map-form conversion of a block list: each `- name` line becomes `name:` plus a condition
   * line.
   */
  private static List<Patch> fromBlockList(
      Patcher p, YNode.Sequence q, String target, String condition) {
    Document doc = p.document();
    Style st = p.style();
    YNode.Mapping owner = (YNode.Mapping) q.parent();
    YNode.Entry entry = entryOf(owner, q);
    if (entry == null) {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    int keyCol = doc.column(entry.key().start()) - 1;
    int firstDash = firstDash(doc, q.items.get(0));
    if (firstDash < 0) {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    int col = Math.max(doc.column(firstDash) - 1, keyCol + st.indent());
    if (col <= keyCol) {
      col = keyCol + st.indent();
    }
    List<String> route = Routes.child(Routes.of(owner), "depends_on");
    List<Patch> edits = new ArrayList<>();
    boolean hasTarget = false;
    for (YNode item : q.items) {
      if (!(item instanceof YNode.Scalar sc) || sc.isNull() || !sc.value.matches("[\\w.-]+")) {
        return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
      }
      int dash = firstDash(doc, item);
      if (dash < 0 || !doc.lines.firstOnLine(dash) || doc.line(item.end()) != doc.line(dash)) {
        return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
      }
      String name = doc.text.substring(item.start(), item.end());
      int lineStart = doc.lines.lineStart(dash);
      String cond = sc.value.equals(target) ? condition : STARTED;
      hasTarget |= sc.value.equals(target);
      edits.add(new Edit(lineStart, item.end(), " ".repeat(col) + name + ":", q, route, null));
      int next = doc.lines.nextLineStart(item.end());
      String line = " ".repeat(col + st.indent()) + "condition: " + cond + st.eol();
      if (next == doc.text.length() && !doc.text.endsWith("\n")) {
        line = st.eol() + line.substring(0, line.length() - st.eol().length());
      }
      edits.add(new Edit(next, next, line, q, route, null));
    }
    if (!hasTarget) {
      int pos = doc.lines.nextLineStart(p.contentEnd(q));
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("condition", condition);
      String text = Render.entry(target, c, col, st);
      if (pos == doc.text.length() && !doc.text.endsWith("\n")) {
        text = st.eol() + text.substring(0, text.length() - st.eol().length());
      }
      edits.add(new Edit(pos, pos, text, q, route, null));
    }
    return edits;
  }

  /** A flow list `depends_on: [a, b]` is rewritten whole, as a block mapping. */
  private static List<Patch> fromFlowList(
      Patcher p, Service s, YNode.Sequence q, String target, String condition) {
    Document doc = p.document();
    YNode.Mapping owner = (YNode.Mapping) q.parent();
    YNode.Entry entry = entryOf(owner, q);
    if (entry == null || owner.flow || !doc.lines.firstOnLine(entry.key().start())) {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    for (YNode item : q.items) {
      if (!(item instanceof YNode.Scalar sc) || sc.isNull()) {
        return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("condition", sc.value.equals(target) ? condition : STARTED);
      v.put(sc.value, c);
    }
    if (!v.containsKey(target)) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("condition", condition);
      v.put(target, c);
    }
    int from = doc.lines.lineStart(entry.key().start());
    int end = q.end();
    int to = doc.lines.nextLineStart(end);
    String rest = doc.text.substring(end, to).strip();
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      return Refusal.only(Reason.UNSUPPORTED_LAYOUT);
    }
    int keyCol = doc.column(entry.key().start()) - 1;
    String text = Render.entry("depends_on", v, keyCol, p.style());
    if (!rest.isEmpty()) {
      int nl = text.indexOf(p.style().eol());
      text = text.substring(0, nl) + "  " + rest + text.substring(nl);
    }
    if (to == doc.text.length() && !doc.text.endsWith("\n")) {
      text = text.substring(0, text.length() - p.style().eol().length());
    }
    return List.of(new Edit(from, to, text, q, Routes.child(Routes.of(owner), "depends_on"), null));
  }

  private static YNode.Entry entryOf(YNode.Mapping owner, YNode value) {
    for (YNode.Entry e : owner.entries) {
      if (e.value() == value) {
        return e;
      }
    }
    return null;
  }

  private static int firstDash(Document doc, YNode item) {
    int i = item.start() - 1;
    while (i >= 0 && doc.text.charAt(i) == ' ') {
      i--;
    }
    return i >= 0 && doc.text.charAt(i) == '-' ? i : -1;
  }
}
