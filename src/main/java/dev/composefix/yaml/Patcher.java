package dev.composefix.yaml;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds format-preserving {@link Edit}s against one document: add a key to a mapping, add an
 * item to a sequence, give an empty key a value, replace a node, remove a key. Each edit touches
 * only the lines it adds or the node it replaces, in the file's own style.
 */
public final class Patcher {
  private final Document doc;
  private Style style;
  /** Answers of {@link #blankLineBetweenEntries}, per mapping: a rule adding to many keys of one large mapping asks once. */
  private final Map<YNode.Mapping, Boolean> blankLines = new IdentityHashMap<>();
  private final Document original;
  private final EditPolicy policy;

  public Patcher(Document doc, EditPolicy policy) {
    this(doc, null, policy);
  }

  /**
   * As {@link #Patcher(Document, EditPolicy)}, for a document that earlier fixes made from
   * {@code original} (null when it is the original): a key the original does not have was added by
   * a fix.
   */
  public Patcher(Document doc, Document original, EditPolicy policy) {
    this.doc = doc;
    this.original = original == doc ? null : original;
    this.policy = policy;
  }

  /** Whether this entry of the mapping was added by an earlier fix (its route is not in the original). */
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

  /** The file's style, worked out on first use (a pass whose rules edit nothing never walks the tree for it). */
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

  /** Where a node's own text really ends: block scalars lose trailing blank lines, collections end at their last child. */
  public int contentEnd(YNode node) {
    YNode n = node;
    while (true) {
      if (n instanceof YNode.Mapping m && !m.flow && !m.entries.isEmpty()) {
        YNode.Entry last = m.entries.get(m.entries.size() - 1);
        return Math.max(contentEnd(last.key()), contentEnd(last.value()));
      } else if (n instanceof YNode.Sequence s && !s.flow && !s.items.isEmpty()) {
        n = s.items.get(s.items.size() - 1);
      } else if (n instanceof YNode.Scalar sc && (sc.style == YNode.Style.LITERAL || sc.style == YNode.Style.FOLDED)) {
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

  /** Offset where a new line after the node's last line goes, and whether a line break must be added first. */
  private int afterLine(int contentEnd) {
    return doc.lines.nextLineStart(contentEnd);
  }

  private String atEof(int pos, String block) {
    // appending after a last line that has no line break: break first, and keep the file without a final one
    if (pos == doc.text.length() && !doc.text.isEmpty() && !doc.text.endsWith("\n")) {
      return style().eol() + block.substring(0, block.length() - style().eol().length());
    }
    return block;
  }

  /**
   * Adds {@code key: value} as the last entry of a block mapping. Null for a flow mapping (adding
   * to one rewrites a line the user wrote, so such a layout gets a finding instead of a fix), for a
   * mapping that is not part of this document (a merged view), or one that already has the key.
   */
  public Edit addEntry(YNode.Mapping map, String key, Object value, Hoist hoist) {
    if (!Merge.within(doc, map) || map.entry(key) != null) {
      return null;
    }
    List<String> route = Routes.child(Routes.of(map), key);
    if (map.flow || map.entries.isEmpty()) {
      return null;
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
  private static final Pattern TRAILING_EMPTY_LINES =
      Pattern.compile("(?:[ \\t]*\\r?\\n)+");

  /** Whether only white space follows the offset (checked in place: this runs for every new key). */
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
    if (deps != null && deps.value().tag == null
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
      return TRAILING_EMPTY_LINES.matcher(doc.text.substring(after)).matches() ? doc.text.length() : after;
    }
    int n = map.entries.size();
    for (int k = n - 1; k >= 0; k--) {
      YNode v = map.entries.get(k).value();
      boolean block = (v instanceof YNode.Mapping m && !m.flow) || (v instanceof YNode.Sequence q && !q.flow)
          || (v instanceof YNode.Scalar s && (s.style == YNode.Style.LITERAL || s.style == YNode.Style.FOLDED));
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
   * Adds an item at the end of a block sequence; a string item is quoted the way all its siblings
   * are. Returns null for a flow sequence, for the reason given at {@link #addEntry}.
   */
  public Edit addItem(YNode.Sequence seq, Object value) {
    if (!Merge.within(doc, seq)) {
      return null;
    }
    if (value instanceof String str) {
      value = likeSiblings(seq, str);
    }
    List<String> route = Routes.child(Routes.of(seq), String.valueOf(seq.items.size()));
    if (seq.flow || seq.items.isEmpty()) {
      return null;
    }
    YNode first = seq.items.get(0);
    int dash = dashBefore(doc.text, first.start());
    if (dash < 0) {
      return null;
    }
    int gap = Math.max(1, first.start() - dash - 1);
    if (first instanceof YNode.Scalar s && s.value.isEmpty() && s.plain()) {
      gap = 1;
    }
    int pos = afterLine(contentEnd(seq));
    String text = Render.item(value, doc.column(dash) - 1, gap, style());
    return new Edit(pos, pos, atEof(pos, text), seq, route, null);
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
   * Gives a key that has no value ({@code key:} alone) a block value, written on the lines after
   * it so that the key's line and any comment on it stay as they are.
   */
  public Edit fillEmpty(YNode.Mapping map, YNode.Entry entry, Object value) {
    if (!Merge.within(doc, map)) {
      return null;
    }
    if (!(entry.value() instanceof YNode.Scalar s) || !s.value.isEmpty() || !s.plain() || s.tag != null
        || s.anchor != null || map.flow) {
      return null;
    }
    List<String> route = Routes.child(Routes.of(map), entry.keyText());
    int keyCol = doc.column(entry.key().start()) - 1;
    int pos = afterLine(entry.key().end());
    String text = Render.children(value, keyCol, style());
    return new Edit(pos, pos, atEof(pos, text), map, route, null);
  }

  /** Replaces a node's text. */
  public Edit replace(YNode node, String text, List<String> route) {
    if (!Merge.within(doc, node)) {
      return null;
    }
    return new Edit(node.start(), contentEnd(node), text, node.parent(), route, null);
  }

  /**
   * Removes a block mapping entry and its lines. A comment at the end of its last line stays, on a
   * line of its own. Returns null where the entry does not own whole lines.
   */
  public Edit removeEntry(YNode.Mapping map, YNode.Entry entry) {
    if (!Merge.within(doc, map)) {
      return null;
    }
    if (map.flow || !doc.lines.firstOnLine(entry.key().start())) {
      return null;
    }
    int from = doc.lines.lineStart(entry.key().start());
    int cend = contentEnd(entry.value());
    int to = afterLine(cend);
    String rest = doc.text.substring(cend, to).strip();
    String text = "";
    if (!rest.isEmpty()) {
      if (!rest.startsWith("#")) {
        return null;
      }
      text = " ".repeat(entry.key().start() - from) + rest + (to == doc.text.length() && !doc.text.endsWith("\n") ? "" : style().eol());
    }
    return new Edit(from, to, text, map, Routes.child(Routes.of(map), entry.keyText()), null);
  }

  /** Columns of the first key of a block mapping, for callers that render their own lines. */
  public int keyColumn(YNode.Mapping map) {
    return doc.column(map.entries.get(0).key().start()) - 1;
  }
}
