package dev.composefix.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML document held as its exact text plus a positioned node tree. Nothing is ever printed from
 * the tree: edits are splices of the text, and the result is parsed again.
 */
public final class Document {
  /** Deepest nesting accepted; compose files nest a handful of levels. */
  public static final int MAX_DEPTH = 200;

  /**
   * Most nodes the document may stand for with every alias expanded. Aliases stay references in the
   * tree, so parsing is linear, but a consumer that expands them (the schema check converts the
   * file to plain values) must stay bounded: a "billion laughs" file is refused here, while a real
   * file that reuses blocks through hundreds of aliases and merge keys stays far below.
   */
  public static final int MAX_EXPANDED_NODES = 1_000_000;

  /** Longest text accepted, in code points (the CLI refuses files over 16 MiB before this). */
  public static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

  /**
   * Parser settings, immutable and built once (building them compiles the schema's regexes). Only
   * the parser runs (no composer), so SnakeYAML's alias and recursion settings do not apply:
   * aliases stay references, MAX_EXPANDED_NODES bounds what they stand for, MAX_DEPTH the nesting,
   * and the code point limit the length.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setCodePointLimit(MAX_CODE_POINTS)
          .setParseComments(false)
          .setUseMarks(true)
          .build();

  public final String text;

  /** The root node, or null for a stream with no document. */
  public final YNode root;

  public final LineIndex lines;

  /** "\r\n" when the file's first line break is CRLF, else "\n". */
  public final String eol;

  /** The aliases that point at each anchored node. */
  private final Map<YNode, List<YNode.Alias>> aliases;

  private final int scalarsDouble;
  private final int scalarsSingle;
  private Style style;

  private Document(String text, YNode root, Map<YNode, List<YNode.Alias>> aliases, int dq, int sq) {
    this.text = text;
    this.root = root;
    this.lines = new LineIndex(text);
    int nl = text.indexOf('\n');
    this.eol = nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    this.aliases = aliases;
    this.scalarsDouble = dq;
    this.scalarsSingle = sq;
  }

  /**
   * True when the node is part of this document's tree (not a detached merge of several layers, not
   * another file's node): only such a node can be edited here.
   */
  public boolean owns(YNode node) {
    if (node == null) {
      return false;
    }
    YNode top = node;
    while (top.parent != null) {
      top = top.parent;
    }
    return top == root;
  }

  /** How this file writes its YAML, worked out once per document (every rule's patcher asks). */
  public Style style() {
    if (style == null) {
      style = Style.of(this);
    }
    return style;
  }

  /**
   * Takes the style of the text this one was made from by a fix: the fix wrote in that style, so
   * the file's style is unchanged, and a large file is not walked again after every fix.
   */
  public void inheritStyle(Document from) {
    if (style == null && from.style != null && from.eol.equals(eol)) {
      style = from.style;
    }
  }

  /** The aliases that refer to this node (empty when it has no anchor or nobody uses it). */
  public List<YNode.Alias> aliasesOf(YNode node) {
    List<YNode.Alias> l = aliases.get(node);
    return l == null ? List.of() : l;
  }

  /** True when the node, or a node around it, carries an anchor that an alias uses. */
  public YNode sharedAncestor(YNode node) {
    for (YNode n = node; n != null; n = n.parent) {
      if (n.anchor != null && aliases.containsKey(n)) {
        return n;
      }
    }
    return null;
  }

  /** The quote character this file uses most for quoted scalars (double when tied). */
  public char preferredQuote() {
    return scalarsSingle > scalarsDouble ? '\'' : '"';
  }

  public int line(int offset) {
    return lines.line(offset);
  }

  public int column(int offset) {
    return lines.column(offset);
  }

  /** Parses one YAML document. Multi-document streams are refused. */
  public static Document parse(String text) throws YamlException {
    int base = text.startsWith("\uFEFF") ? 1 : 0;
    String body = base == 0 ? text : text.substring(base);
    int[] cpToChar = codePointMap(body);
    LoadSettings settings = SETTINGS;
    Builder b = new Builder(text, base, cpToChar);
    try {
      ParserImpl parser =
          new ParserImpl(settings, new StreamReader(settings, new PairSafeReader(body)));
      while (parser.hasNext()) {
        b.accept(parser.next());
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> m = e.getProblemMark().or(e::getContextMark);
      String msg = e.getProblem() == null ? String.valueOf(e.getContext()) : e.getProblem();
      if (e.getContext() != null && e.getProblem() != null) {
        Optional<Mark> cm = e.getContextMark();
        String from =
            cm.isPresent() && m.isPresent() && cm.get().getLine() != m.get().getLine()
                ? " that starts at " + (cm.get().getLine() + 1) + ":" + (cm.get().getColumn() + 1)
                : "";
        msg = msg + " (" + e.getContext() + from + ")";
      }
      throw new YamlException(
          "invalid YAML: " + oneLine(msg),
          m.map(x -> x.getLine() + 1).orElse(0),
          m.map(x -> x.getColumn() + 1).orElse(0));
    } catch (ReaderException e) {
      // a character YAML does not allow (control characters such as NUL): say which, and where
      int at =
          b.offset(Optional.empty())
              + (cpToChar == null
                  ? e.getPosition()
                  : cpToChar[Math.min(Math.max(e.getPosition(), 0), cpToChar.length - 1)]);
      LineIndex li = new LineIndex(text);
      at = Math.min(Math.max(at, 0), text.length());
      throw new YamlException(
          "invalid YAML: character U+"
              + String.format("%04X", e.getCodePoint())
              + " is not allowed in YAML",
          li.line(at),
          li.column(at));
    } catch (YamlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new YamlException("invalid YAML: " + oneLine(String.valueOf(e.getMessage())));
    }
    return new Document(text, b.root, b.aliasUses, b.dq, b.sq);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  /** Code point index to char index, or null when the text has no surrogate pairs. */
  private static int[] codePointMap(String s) {
    boolean surrogates = false;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isHighSurrogate(s.charAt(i))) {
        surrogates = true;
        break;
      }
    }
    if (!surrogates) {
      return null;
    }
    int[] map = new int[s.codePointCount(0, s.length()) + 1];
    int cp = 0;
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      map[cp++] = i;
    }
    map[cp] = s.length();
    return map;
  }

  /** Builds the tree from parser events without recursion. */
  private static final class Builder {
    final String text;
    final int base;
    final int[] cpToChar;
    // {collection, pendingKey or null, keys seen, long[1] expanded size of the children so far}
    final Deque<Object[]> stack = new ArrayDeque<>();

    /** Expanded size of each complete anchored node; an anchor still open is absent (recursion). */
    final Map<YNode, Long> sizes = new IdentityHashMap<>();

    long rootSize;
    final Map<String, YNode> anchors = new HashMap<>();
    final Map<YNode, List<YNode.Alias>> aliasUses = new IdentityHashMap<>();
    YNode root;
    int documents;
    int dq;
    int sq;

    Builder(String text, int base, int[] cpToChar) {
      this.text = text;
      this.base = base;
      this.cpToChar = cpToChar;
    }

    int offset(Optional<Mark> m) {
      if (m.isEmpty()) {
        return base;
      }
      int cp = m.get().getIndex();
      return base + (cpToChar == null ? cp : cpToChar[Math.min(cp, cpToChar.length - 1)]);
    }

    YamlException error(String msg, int offset) {
      LineIndex li = new LineIndex(text);
      return new YamlException(msg, li.line(offset), li.column(offset));
    }

    void accept(Event e) throws YamlException {
      switch (e.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            throw error(
                "several YAML documents in one file; a compose file is one document",
                offset(e.getStartMark()));
          }
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) e;
          YNode.Style style =
              switch (s.getScalarStyle()) {
                case DOUBLE_QUOTED -> YNode.Style.DOUBLE_QUOTED;
                case SINGLE_QUOTED -> YNode.Style.SINGLE_QUOTED;
                case LITERAL -> YNode.Style.LITERAL;
                case FOLDED -> YNode.Style.FOLDED;
                default -> YNode.Style.PLAIN;
              };
          if (style == YNode.Style.DOUBLE_QUOTED) {
            dq++;
          } else if (style == YNode.Style.SINGLE_QUOTED) {
            sq++;
          }
          YNode.Scalar scalar =
              new YNode.Scalar(
                  offset(e.getStartMark()),
                  offset(e.getEndMark()),
                  anchor(s),
                  s.getTag().orElse(null),
                  s.getValue(),
                  style);
          add(scalar);
          if (scalar.anchor != null) {
            sizes.put(scalar, 1L);
          }
          count(1, scalar.start());
        }
        case Alias -> {
          AliasEvent a = (AliasEvent) e;
          String name = a.getAlias().getValue();
          YNode target = anchors.get(name);
          int at = offset(e.getStartMark());
          if (target == null) {
            throw error("alias *" + name + " refers to no anchor defined before it", at);
          }
          Long size = sizes.get(target);
          if (size == null) {
            throw error(
                "alias *" + name + " refers to a block that contains it (a recursive structure)",
                at);
          }
          YNode.Alias alias = new YNode.Alias(at, offset(e.getEndMark()), name, target);
          aliasUses.computeIfAbsent(target, k -> new ArrayList<>()).add(alias);
          add(alias);
          count(size, at);
        }
        case MappingStart, SequenceStart -> {
          CollectionStartEvent c = (CollectionStartEvent) e;
          if (stack.size() >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels", offset(e.getStartMark()));
          }
          boolean flow = c.getFlowStyle() == FlowStyle.FLOW;
          int start = offset(e.getStartMark());
          YNode node =
              e.getEventId() == Event.ID.MappingStart
                  ? new YNode.Mapping(start, start, anchor(c), c.getTag().orElse(null), flow)
                  : new YNode.Sequence(start, start, anchor(c), c.getTag().orElse(null), flow);
          add(node);
          stack.push(new Object[] {node, null, null, new long[1]});
        }
        case MappingEnd, SequenceEnd -> {
          Object[] top = stack.pop();
          YNode done = (YNode) top[0];
          int end = offset(e.getEndMark());
          // collections are created before their end is known; record it now
          setEnd(done, end);
          long size = 1 + ((long[]) top[3])[0];
          if (done.anchor != null) {
            sizes.put(done, size);
          }
          count(size, done.start());
        }
        default -> {}
      }
    }

    /** Adds a finished node's expanded size to its parent's, within MAX_EXPANDED_NODES. */
    void count(long size, int at) throws YamlException {
      long total;
      if (stack.isEmpty()) {
        total = rootSize = size;
      } else {
        long[] acc = (long[]) stack.peek()[3];
        total = acc[0] += size;
      }
      if (total > MAX_EXPANDED_NODES) {
        throw error(
            "aliases expand to more than "
                + MAX_EXPANDED_NODES
                + " nodes (an alias bomb?); a compose file is far smaller",
            at);
      }
    }

    String anchor(NodeEvent e) {
      return e.getAnchor().map(Anchor::getValue).orElse(null);
    }

    @SuppressWarnings("unchecked")
    void add(YNode node) throws YamlException {
      if (node.anchor != null) {
        anchors.put(node.anchor, node);
      }
      if (stack.isEmpty()) {
        root = node;
        return;
      }
      Object[] top = stack.peek();
      YNode parent = (YNode) top[0];
      node.parent = parent;
      if (parent instanceof YNode.Sequence seq) {
        node.slot = seq.items.size();
        seq.items.add(node);
      } else {
        YNode.Mapping map = (YNode.Mapping) parent;
        if (top[1] == null) {
          top[1] = node;
        } else {
          YNode key = (YNode) top[1];
          top[1] = null;
          if (key instanceof YNode.Scalar ks) {
            Set<String> seen = (Set<String>) top[2];
            if (seen == null) {
              seen = new HashSet<>();
              top[2] = seen;
            }
            if (!seen.add(ks.value)) {
              throw error("duplicate key '" + ks.value + "'", key.start());
            }
          }
          key.parent = map;
          key.slot = map.entries.size();
          node.slot = key.slot;
          map.entries.add(new YNode.Entry(key, node));
        }
      }
    }
  }

  private static void setEnd(YNode node, int end) {
    node.end = end;
  }

  /**
   * Reads a string in chunks that never end between the two halves of a surrogate pair.
   * snakeyaml-engine's StreamReader, when a full buffer ends with a high surrogate, reads one more
   * char past the end of its own buffer and fails (an IndexOutOfBoundsException on any file with an
   * emoji at the wrong offset); it never sees such a chunk from this reader.
   */
  static final class PairSafeReader extends java.io.Reader {
    private final String s;
    private int at;

    PairSafeReader(String s) {
      this.s = s;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (at >= s.length()) {
        return -1;
      }
      int n = Math.min(len, s.length() - at);
      if (n > 1 && Character.isHighSurrogate(s.charAt(at + n - 1))) {
        n--;
      }
      s.getChars(at, at + n, buf, off);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
