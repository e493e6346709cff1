package dev.composefix.yaml;

import dev.composefix.yaml.Refusal.Reason;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds format-preserving {@link Edit}s against one document: add a key to a mapping, add an item
 * to a sequence, give an empty key a value, replace a node, remove a key. Each edit touches only
 * the lines it adds or the node it replaces, in the file's own style.
 */
public final class Patcher {
  private final Document doc;
  private Style style;

  /**
   * Answers of {@link #blankLineBetweenEntries}, per mapping: a rule adding to many keys of one
   * large mapping asks once.
   */
  private final Map<YNode.Mapping, Boolean> blankLines = new IdentityHashMap<>();

  private final Document original;
  private final EditPolicy policy;

  public Patcher(Document doc, EditPolicy policy) {
    this(doc, null, policy);
  }

  /**
   * As {@link #Patcher(Document, EditPolicy)}, for a document that earlier fixes made from {@code
   * original} (null when it is the original): a key the original does not have was added by a fix.
   */
  public Patcher(Document doc, Document original, EditPolicy policy) {
    this.doc = doc;
    this.original = original == doc ? null : original;
    this.policy = policy;
  }

  /**
   * Whether this entry of the mapping was added by an earlier fix (its route is not in the
   * original).
   */
  private boolean added(YNode.Mapping map, YNode.Entry e) {
    if (original == null || e.keyText() == null) {
      return false;
    }
    YNode at = original.root;
    for (String step : Routes.child(Routes.of(map), e.keyText())) {
      YNode.Entry next = at instanceof YNode.Mapping m ? m.entry(step) : null;
      if (next == null) {
        return true;
      }
      at = next.value().resolve();
    }
    return false;
  }

  /**
   * The file's style, worked out on first use (a pass whose rules edit nothing never walks the tree
   * for it).
   */
  public Style style() {
    if (style == null) {
      style = doc.style();
    }
    return style;
  }

  public Document document() {
    return doc;
  }

  /** Offset of the dash that introduces the block sequence item starting at {@code itemStart}. */
  static int dashBefore(String text, int itemStart) {
    int i = itemStart - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    if (i >= 0 && text.charAt(i) == '-') {
      return i;
    }
    // an item with an anchor or tag: `- &a x`; the dash is further back on the same line
    int ls = doc0LineStart(text, itemStart);
    for (int j = ls; j < itemStart; j++) {
      char c = text.charAt(j);
      if (c == '-') {
        return j;
      }
      if (c != ' ') {
        return -1;
      }
    }
    return -1;
  }

  private static int doc0LineStart(String text, int offset) {
    int i = text.lastIndexOf('\n', offset - 1);
    return i + 1;
  }

  /**
   * Where a node's own text really ends: block scalars lose trailing blank lines, collections end
   * at their last child.
   */
  public int contentEnd(YNode node) {
    YNode n = node;
    while (true) {
      if (n instanceof YNode.Mapping m && !m.flow && !m.entries.isEmpty()) {
        YNode.Entry last = m.entries.get(m.entries.size() - 1);
        return Math.max(contentEnd(last.key()), contentEnd(last.value()));
      } else if (n instanceof YNode.Sequence s && !s.flow && !s.items.isEmpty()) {
        n = s.items.get(s.items.size() - 1);
      } else if (n instanceof YNode.Scalar sc
          && (sc.style == YNode.Style.LITERAL || sc.style == YNode.Style.FOLDED)) {
        int e = sc.end();
        while (e > sc.start() && Character.isWhitespace(doc.text.charAt(e - 1))) {
          e--;
        }
        return e;
      } else {
        return n.end();
      }
    }
  }

  /**
   * Offset where a new line after the node's last line goes, and whether a line break must be added
   * first.
   */
  private int afterLine(int contentEnd) {
    return doc.lines.nextLineStart(contentEnd);
  }

  private String atEof(int pos, String block) {
    // appending after a last line that has no line break: break first, and keep the file without a
    // final one
    if (pos == doc.text.length() && !doc.text.isEmpty() && !doc.text.endsWith("\n")) {
      return style().eol() + block.substring(0, block.length() - style().eol().length());
    }
    return block;
  }

  /**
   * Adds {@code key: value} as the last entry of a block mapping. A refusal for a flow mapping
   * (adding to one rewrites a line the user wrote, so such a layout gets a finding instead of a
   * fix), for a mapping that is not part of this document (a merged view), or one that already has
   * the key.
   */
  public Patch addEntry(YNode.Mapping map, String key, Object value, Hoist hoist) {
    if (!doc.owns(map)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    if (map.entry(key) != null) {
      return Refusal.of(Reason.KEY_EXISTS);
    }
    List<String> route = Routes.child(Routes.of(map), key);
    if (map.flow) {
      return addFlowEntry(map, key, value, route, hoist);
    }
    if (map.entries.isEmpty()) {
      return Refusal.of(Reason.EMPTY_BLOCK);
    }
    YNode first = map.entries.get(0).key();
    int col = doc.column(first.start()) - 1;
    int pos = insertionPoint(map);
    String text = Render.entry(key, value, col, style());
    if (value instanceof Map<?, ?> && blankLineBetweenEntries(map)) {
      text = style().eol() + text;
    }
    return new Edit(pos, pos, atEof(pos, text), map, route, hoist);
  }

  /** One or more lines with nothing but white space. */
  private static final Pattern TRAILING_EMPTY_LINES = Pattern.compile("(?:[ \\t]*\\r?\\n)+");

  /**
   * Whether only white space follows the offset (checked in place: this runs for every new key).
   */
  private boolean blankFrom(int offset) {
    String t = doc.text;
    for (int i = offset; i < t.length(); i++) {
      if (!Character.isWhitespace(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where new keys go: after the last entry; but when the mapping ends with one-line entries after
   * its last multi-line block (a list of volumes, then {@code restart: always}), right after that
   * block. New keys then stand next to whatever other fixes add inside the blocks, as one run of
   * added lines, instead of leaving a short line squeezed between two of them (a line diff tends to
   * show such a line, common in a file, as removed and added again).
   */
  private int insertionPoint(YNode.Mapping map) {
    // the entry the policy names (a service's depends_on), when it is a non-empty block: after it
    // and after the keys earlier fixes added behind it
    YNode.Entry deps = policy.insertAfter(map);
    if (deps != null
        && deps.value().tag == null
        && (deps.value() instanceof YNode.Sequence q && !q.flow && !q.items.isEmpty()
            || deps.value() instanceof YNode.Mapping dm && !dm.flow && !dm.entries.isEmpty())) {
      int i = map.entries.indexOf(deps);
      while (i + 1 < map.entries.size() && added(map, map.entries.get(i + 1))) {
        i++;
      }
      return afterLine(contentEnd(map.entries.get(i).value()));
    }
    if (blankFrom(contentEnd(map))) {
      // the mapping ends the file: after its last line, so the lines kept before the new ones
      // stay next to the unchanged line above them (nothing unchanged follows to anchor them);
      // and after the empty lines that end the file, if any, for the same reason
      int after = afterLine(contentEnd(map));
      return TRAILING_EMPTY_LINES.matcher(doc.text.substring(after)).matches()
          ? doc.text.length()
          : after;
    }
    int n = map.entries.size();
    for (int k = n - 1; k >= 0; k--) {
      YNode v = map.entries.get(k).value();
      boolean block =
          (v instanceof YNode.Mapping m && !m.flow)
              || (v instanceof YNode.Sequence q && !q.flow)
              || (v instanceof YNode.Scalar s
                  && (s.style == YNode.Style.LITERAL || s.style == YNode.Style.FOLDED));
      if (block) {
        return k == n - 1 ? afterLine(contentEnd(map)) : afterLine(contentEnd(v));
      }
    }
    return afterLine(contentEnd(map));
  }

  /** Whether a mapping's entries are separated by blank lines (as services often are). */
  private boolean blankLineBetweenEntries(YNode.Mapping map) {
    return blankLines.computeIfAbsent(map, this::blankLineBetweenEach);
  }

  private boolean blankLineBetweenEach(YNode.Mapping map) {
    if (map.entries.size() < 2) {
      return false;
    }
    for (int i = 0; i + 1 < map.entries.size(); i++) {
      int from = afterLine(contentEnd(map.entries.get(i).value()));
      int to = doc.lines.lineStart(map.entries.get(i + 1).key().start());
      boolean blank = false;
      for (int at = from; at < to; at = doc.lines.nextLineStart(at)) {
        int nl = doc.lines.nextLineStart(at);
        if (doc.text.substring(at, nl).isBlank()) {
          blank = true;
          break;
        }
      }
      if (!blank) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds an item at the end of a sequence; a string item is quoted the way all its siblings are. A
   * flow sequence gets it as {@link #addFlowItems} adds it.
   */
  public Patch addItem(YNode.Sequence seq, Object value) {
    if (!doc.owns(seq)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    if (seq.flow) {
      return addFlowItems(seq, List.of(value));
    }
    if (value instanceof String str) {
      value = likeSiblings(seq, str);
    }
    List<String> route = Routes.child(Routes.of(seq), String.valueOf(seq.items.size()));
    if (seq.items.isEmpty()) {
      return Refusal.of(Reason.EMPTY_BLOCK);
    }
    YNode first = seq.items.get(0);
    int dash = dashBefore(doc.text, first.start());
    if (dash < 0) {
      return Refusal.of(Reason.NO_DASH);
    }
    int gap = Math.max(1, first.start() - dash - 1);
    if (first instanceof YNode.Scalar s && s.value.isEmpty() && s.plain()) {
      gap = 1;
    }
    int pos = afterLine(contentEnd(seq));
    String text = Render.item(value, doc.column(dash) - 1, gap, style());
    return new Edit(pos, pos, atEof(pos, text), seq, route, null);
  }

  /**
   * Past this column a flow line is rewritten in block style (a common line-length limit of YAML
   * linters).
   */
  public static final int FLOW_WIDTH = 100;

  /**
   * Adds items at the end of a flow sequence, in one edit: after the last item with the separator
   * the sequence already uses (`[a]` -> `[a, b]`, `[ "a" ]` -> `[ "a", "b" ]`), strings quoted like
   * their siblings; into an empty one as `[b]`. When the line would pass {@link #FLOW_WIDTH}
   * columns, a one-line sequence under a block key is rewritten in block style instead, its items
   * copied as written. Refused where a comment sits between the items or the sequence is not in
   * this document.
   */
  public Patch addFlowItems(YNode.Sequence seq, List<?> values) {
    if (!doc.owns(seq)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    if (!seq.flow) {
      return Refusal.of(Reason.NOT_FLOW);
    }
    if (values.isEmpty()) {
      return Refusal.of(Reason.NOTHING_TO_ADD);
    }
    List<String> route = Routes.of(seq);
    List<String> rendered = new ArrayList<>();
    for (Object v : values) {
      Object w = v instanceof String str ? likeSiblings(seq, str) : v;
      rendered.add(Render.flow(w, style()));
    }
    Edit inPlace;
    if (seq.items.isEmpty()) {
      String inner = doc.text.substring(seq.start() + 1, seq.end() - 1);
      if (!inner.isBlank()) {
        return Refusal.of(Reason.COMMENT_IN_FLOW); // a comment inside `[ ]`
      }
      inPlace =
          new Edit(
              seq.start(), seq.end(), "[" + String.join(", ", rendered) + "]", seq, route, null);
    } else {
      String sep =
          separator(
              seq.items.size() >= 2 ? seq.items.get(seq.items.size() - 2).end() : -1,
              seq.items.size() >= 2 ? seq.items.get(seq.items.size() - 1).start() : -1);
      if (sep == null) {
        return Refusal.of(Reason.COMMENT_IN_FLOW);
      }
      int pos = seq.items.get(seq.items.size() - 1).end();
      StringBuilder t = new StringBuilder(doc.text.substring(pos - 1, pos));
      for (String r : rendered) {
        t.append(sep).append(r);
      }
      inPlace = new Edit(pos - 1, pos, t.toString(), seq, route, null);
    }
    if (lineWidthAfter(inPlace) <= FLOW_WIDTH) {
      return inPlace;
    }
    List<String> lines = new ArrayList<>();
    for (YNode i : seq.items) {
      lines.add(doc.text.substring(i.start(), i.end()));
    }
    lines.addAll(rendered);
    Edit block = toBlock(seq, lines, true, route, null, null);
    return block != null ? block : inPlace;
  }

  /** The separator to write before a new item or entry: the one between the last two, or ", ". */
  private String separator(int prevEnd, int lastStart) {
    if (prevEnd < 0) {
      return ", ";
    }
    String sep = doc.text.substring(prevEnd, lastStart);
    if (sep.indexOf('#') >= 0 || sep.indexOf(',') < 0) {
      return null;
    }
    return sep;
  }

  /**
   * The width of the line an edit's text ends on, once applied (for a one-line edit of one line).
   */
  private int lineWidthAfter(Edit e) {
    if (e.text().indexOf('\n') >= 0) {
      return 0;
    }
    int ls = doc.lines.lineStart(e.start());
    int le = doc.text.indexOf('\n', e.end());
    if (le < 0) {
      le = doc.text.length();
    }
    String after = doc.text.substring(ls, e.start()) + e.text() + doc.text.substring(e.end(), le);
    return after.stripTrailing().codePointCount(0, after.stripTrailing().length());
  }

  /**
   * Rewrites a one-line flow collection that is the value of a block mapping key in block style:
   * {@code key: [a, b]} becomes {@code key:} with one {@code - a} line per item (or one {@code k:
   * v} line per entry), each item written as it was. A comment after the collection stays on its
   * last line. Null for any other layout (a tag or anchor on it, a key not alone on its line, a
   * collection over several lines).
   */
  private Edit toBlock(
      YNode coll,
      List<String> lines,
      boolean sequence,
      List<String> route,
      Map.Entry<String, Object> added,
      Hoist hoist) {
    YNode.Entry entry = keyEntry(coll);
    if (entry == null || doc.text.substring(coll.start(), coll.end()).indexOf('\n') >= 0) {
      return null;
    }
    String between = doc.text.substring(entry.key().end(), coll.start());
    int colon = entry.key().end() + between.indexOf(':');
    int keyCol = doc.column(entry.key().start()) - 1;
    int col =
        sequence
            ? (style().indentSequences() ? keyCol + style().indent() : keyCol)
            : keyCol + style().indent();
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(style().eol()).append(" ".repeat(col)).append(sequence ? "- " : "").append(l);
    }
    if (added != null) {
      // the new entry in block style, like the keys around it
      String e = Render.entry(added.getKey(), added.getValue(), col, style());
      b.append(style().eol()).append(e, 0, e.length() - style().eol().length());
    }
    int le = lineEnd(coll.end());
    String rest = doc.text.substring(coll.end(), le);
    if (!rest.isBlank()) {
      b.append(rest); // a comment: after the last item
    }
    String note =
        "rewritten in block style: the flow "
            + (sequence ? "list" : "mapping")
            + " would pass "
            + FLOW_WIDTH
            + " columns";
    return new Edit(colon + 1, le, b.toString(), coll, route, hoist, note);
  }

  /**
   * Adds {@code key: value} to a flow mapping: after its last entry, with the separator and the
   * space after the colon it already uses ({@code {k: v}} -> {@code {k: v, k2: v2}}). An empty
   * {@code {}} under a block key (a service {@code app: {}}) is opened into block style; a line
   * that would pass {@link #FLOW_WIDTH} columns is rewritten in block style. Refused where a
   * comment sits between the entries.
   */
  private Patch addFlowEntry(
      YNode.Mapping map, String key, Object value, List<String> route, Hoist hoist) {
    String k = Render.scalar(key, style(), true);
    if (map.entries.isEmpty()) {
      String inner = doc.text.substring(map.start() + 1, map.end() - 1);
      if (!inner.isBlank()) {
        return Refusal.of(Reason.COMMENT_IN_FLOW);
      }
      YNode.Entry owner = keyEntry(map);
      if (owner != null) {
        int keyCol = doc.column(owner.key().start()) - 1;
        String lines = Render.entry(key, value, keyCol + style().indent(), style());
        return toBlockLines(map, owner, lines, route, hoist);
      }
      return new Edit(
          map.start(),
          map.end(),
          "{" + k + ": " + Render.flow(value, style()) + "}",
          map,
          route,
          hoist);
    }
    int n = map.entries.size();
    YNode.Entry last = map.entries.get(n - 1);
    String sep =
        separator(
            n >= 2 ? map.entries.get(n - 2).value().end() : -1, n >= 2 ? last.key().start() : -1);
    if (sep == null) {
      return Refusal.of(Reason.COMMENT_IN_FLOW);
    }
    if (last.value().end() <= last.key().end()) {
      return Refusal.of(Reason.UNSUPPORTED_LAYOUT); // an entry with no value: `{a}`
    }
    String colon = doc.text.substring(last.key().end(), last.value().start());
    if (!colon.matches("[ \\t]*:[ \\t]*")) {
      colon = ": ";
    }
    // the edit takes the last character of the last value along (written back as it was): two
    // rules adding to one flow mapping then clash, and the second sees the first's line (its width)
    int pos = last.value().end();
    Edit inPlace =
        new Edit(
            pos - 1,
            pos,
            doc.text.charAt(pos - 1) + sep + k + colon + Render.flow(value, style()),
            map,
            route,
            hoist);
    if (lineWidthAfter(inPlace) <= FLOW_WIDTH) {
      return inPlace;
    }
    List<String> lines = new ArrayList<>();
    for (YNode.Entry e : map.entries) {
      lines.add(doc.text.substring(e.key().start(), e.value().end()));
    }
    Edit block = toBlock(map, lines, false, route, Map.entry(key, value), hoist);
    return block != null ? block : inPlace;
  }

  /**
   * The block mapping entry whose value the collection is, when the collection has no tag or anchor
   * and stands on its key's line, the key alone at the start of it ({@code key: value}); else null.
   */
  private YNode.Entry keyEntry(YNode coll) {
    if (coll.tag != null
        || coll.anchor != null
        || !(coll.parent() instanceof YNode.Mapping owner)
        || owner.flow) {
      return null;
    }
    for (YNode.Entry e : owner.entries) {
      if (e.value() == coll) {
        return doc.lines.firstOnLine(e.key().start())
                && doc.lines.lineStart(coll.start()) == doc.lines.lineStart(e.key().start())
                && doc.text.substring(e.key().end(), coll.start()).matches("[ \\t]*:[ \\t]+")
            ? e
            : null;
      }
    }
    return null;
  }

  /** Where the line holding {@code offset} ends, before its "\n" or "\r\n". */
  private int lineEnd(int offset) {
    int le = doc.text.indexOf('\n', offset);
    return le < 0 ? doc.text.length() : (le > 0 && doc.text.charAt(le - 1) == '\r' ? le - 1 : le);
  }

  /**
   * Replaces an empty `{}` after its key ({@code entry}) by block lines (each ending in the file's
   * eol), keeping a comment after it.
   */
  private Edit toBlockLines(
      YNode coll, YNode.Entry entry, String lines, List<String> route, Hoist hoist) {
    int colon =
        entry.key().end() + doc.text.substring(entry.key().end(), coll.start()).indexOf(':');
    int le = lineEnd(coll.end());
    String rest = doc.text.substring(coll.end(), le);
    String body = lines.substring(0, lines.length() - style().eol().length());
    return new Edit(
        colon + 1, le, (rest.isBlank() ? "" : rest) + style().eol() + body, coll, route, hoist);
  }

  private static Object likeSiblings(YNode.Sequence seq, String value) {
    YNode.Style common = null;
    for (YNode i : seq.items) {
      if (!(i instanceof YNode.Scalar sc) || (common != null && sc.style != common)) {
        return value;
      }
      common = sc.style;
    }
    if (common == YNode.Style.DOUBLE_QUOTED) {
      return new Render.Raw(Render.quote(value, '"'));
    }
    if (common == YNode.Style.SINGLE_QUOTED) {
      return new Render.Raw(Render.quote(value, '\''));
    }
    return value;
  }

  /**
   * Gives a key that has no value ({@code key:} alone) a block value, written on the lines after it
   * so that the key's line and any comment on it stay as they are.
   */
  public Patch fillEmpty(YNode.Mapping map, YNode.Entry entry, Object value) {
    if (!doc.owns(map)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    if (!(entry.value() instanceof YNode.Scalar s)
        || !s.value.isEmpty()
        || !s.plain()
        || s.tag != null
        || s.anchor != null) {
      return Refusal.of(Reason.NOT_EMPTY);
    }
    if (map.flow) {
      return Refusal.of(Reason.FLOW_LAYOUT);
    }
    List<String> route = Routes.child(Routes.of(map), entry.keyText());
    int keyCol = doc.column(entry.key().start()) - 1;
    int pos = afterLine(entry.key().end());
    String text = Render.children(value, keyCol, style());
    return new Edit(pos, pos, atEof(pos, text), map, route, null);
  }

  /** Replaces a node's text. */
  public Patch replace(YNode node, String text, List<String> route) {
    if (!doc.owns(node)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    return new Edit(node.start(), contentEnd(node), text, node.parent(), route, null);
  }

  /**
   * Removes a block mapping entry and its lines. A comment at the end of its last line stays, on a
   * line of its own. Refused where the entry does not own whole lines.
   */
  public Patch removeEntry(YNode.Mapping map, YNode.Entry entry) {
    if (!doc.owns(map)) {
      return Refusal.of(Reason.OUTSIDE_DOCUMENT);
    }
    if (map.flow) {
      return Refusal.of(Reason.FLOW_LAYOUT);
    }
    if (!doc.lines.firstOnLine(entry.key().start())) {
      return Refusal.of(Reason.NOT_WHOLE_LINES);
    }
    int from = doc.lines.lineStart(entry.key().start());
    int cend = contentEnd(entry.value());
    int to = afterLine(cend);
    String rest = doc.text.substring(cend, to).strip();
    String text = "";
    if (!rest.isEmpty()) {
      if (!rest.startsWith("#")) {
        return Refusal.of(Reason.NOT_WHOLE_LINES);
      }
      text =
          " ".repeat(entry.key().start() - from)
              + rest
              + (to == doc.text.length() && !doc.text.endsWith("\n") ? "" : style().eol());
    }
    return new Edit(from, to, text, map, Routes.child(Routes.of(map), entry.keyText()), null);
  }

  /** Columns of the first key of a block mapping, for callers that render their own lines. */
  public int keyColumn(YNode.Mapping map) {
    return doc.column(map.entries.get(0).key().start()) - 1;
  }
}
