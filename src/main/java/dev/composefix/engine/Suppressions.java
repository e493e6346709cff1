package dev.composefix.engine;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.ComposePolicy;
import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.rule.Finding;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.YNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppressions of one compose file: comments {@code # composefix: ignore[rule, ...] reason} on
 * a service's line (every finding of that service) or on any other line (findings on that line, and
 * inside the value of a key that starts on it); {@code x-composefix: {ignore: [...], reason: ...}}
 * in a service (merge keys followed); and the configuration's per-service ignores. {@code ALL}
 * stands for every rule. Unknown rule ids and malformed {@code x-composefix} blocks give warnings.
 */
final class Suppressions {
  static final Pattern COMMENT =
      Pattern.compile("#\\s*composefix:\\s*ignore\\s*\\[([^\\]\\r\\n]*)\\]([^\\r\\n]*)");

  private record Rule(List<String> ids, String reason, boolean inSource, int line, int column) {
    boolean covers(String id) {
      return ids.contains(id) || ids.contains("ALL");
    }
  }

  private record Region(int from, int to, Rule rule) {}

  private final Map<String, List<Rule>> byService = new HashMap<>();
  private final List<Region> regions = new ArrayList<>();

  /** Spans [start, end) of every x-composefix entry, which no fix may touch. */
  private final List<int[]> extensionSpans = new ArrayList<>();

  final List<String> warnings = new ArrayList<>();

  private Suppressions() {}

  static Suppressions of(ComposeFile cf, Config config) {
    Suppressions s = new Suppressions();
    if (cf.doc.text.contains("composefix")) {
      s.comments(cf);
      s.extensions(cf);
      s.extensionSpans(cf.doc);
    }
    if (config != null) {
      for (Map.Entry<String, List<String>> e : config.perService.entrySet()) {
        if (cf.service(e.getKey()) != null) {
          s.byService
              .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add(
                  new Rule(
                      e.getValue(),
                      "per-service ignore in "
                          + (config.path == null ? "the configuration" : config.path.getFileName()),
                      false,
                      0,
                      0));
        }
      }
    }
    return s;
  }

  boolean isEmpty() {
    return byService.isEmpty() && regions.isEmpty();
  }

  /** True when a fix would edit inside an x-composefix block, or name a route through one. */
  boolean touchesExtension(Finding f) {
    for (Edit e : f.edits()) {
      if (e.route().contains("x-composefix")) {
        return true;
      }
      for (int[] span : extensionSpans) {
        boolean hit =
            e.start() == e.end()
                ? span[0] < e.start() && e.start() < span[1]
                : e.start() < span[1] && span[0] < e.end();
        if (hit) {
          return true;
        }
      }
    }
    return false;
  }

  private void extensionSpans(Document doc) {
    Patcher patcher = new Patcher(doc, ComposePolicy.INSTANCE);
    if (doc.root == null || !doc.text.contains("x-composefix")) {
      return;
    }
    Deque<YNode> todo = new ArrayDeque<>();
    todo.push(doc.root);
    while (!todo.isEmpty()) {
      YNode n = todo.pop();
      if (n instanceof YNode.Sequence s) {
        s.items.forEach(todo::push);
      } else if (n instanceof YNode.Mapping m) {
        for (YNode.Entry e : m.entries) {
          if ("x-composefix".equals(e.keyText())) {
            extensionSpans.add(
                new int[] {
                  e.key().start(), Math.max(e.key().end(), patcher.contentEnd(e.value()))
                });
          } else {
            todo.push(e.value());
          }
        }
      }
    }
  }

  /** The suppression that covers a finding, or null. */
  Suppressed match(Finding f) {
    if (f.service() != null) {
      for (Rule r : byService.getOrDefault(f.service(), List.of())) {
        if (r.covers(f.rule())) {
          return new Suppressed(f, r.inSource, r.reason, r.line, r.column);
        }
      }
    }
    for (Region g : regions) {
      if (f.line() >= g.from && f.line() <= g.to && g.rule.covers(f.rule())) {
        return new Suppressed(f, true, g.rule.reason, g.rule.line, g.rule.column);
      }
    }
    return null;
  }

  private void comments(ComposeFile cf) {
    Document doc = cf.doc;
    String text = doc.text;
    if (!text.contains("composefix:")) {
      return; // the common case, found without running the pattern over a large file
    }
    Matcher m = COMMENT.matcher(text);
    List<YNode> scalars = null;
    Map<Integer, YNode.Entry> keyLines = null;
    Map<Integer, String> serviceLines = new HashMap<>();
    if (cf.servicesNode != null) {
      for (YNode.Entry e : cf.servicesNode.entries) {
        if (e.keyText() != null) {
          serviceLines.putIfAbsent(doc.line(e.key().start()), e.keyText());
        }
      }
    }
    while (m.find()) {
      int at = m.start();
      if (at > 0
          && text.charAt(at - 1) != ' '
          && text.charAt(at - 1) != '\t'
          && text.charAt(at - 1) != '\n'
          && text.charAt(at - 1) != '\uFEFF') {
        continue;
      }
      if (scalars == null) {
        scalars = new ArrayList<>();
        keyLines = new HashMap<>();
        walk(doc, scalars, keyLines);
      }
      if (inside(scalars, at)) {
        continue;
      }
      int line = doc.line(at);
      Rule r =
          new Rule(
              ids(doc, m.group(1), m.start(1)), reason(m.group(2)), true, line, doc.column(at));
      if (r.ids.isEmpty()) {
        continue;
      }
      String service = serviceLines.get(line);
      if (service != null) {
        byService.computeIfAbsent(service, k -> new ArrayList<>()).add(r);
        continue;
      }
      YNode.Entry e = keyLines.get(line);
      int to = line;
      if (e != null) {
        YNode v = e.value();
        to = Math.max(line, doc.line(Math.max(v.start(), v.end() - 1)));
      }
      regions.add(new Region(line, to, r));
    }
  }

  private static String reason(String rest) {
    String s = rest.strip();
    while (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == ':' || s.charAt(0) == '\u2014')) {
      s = s.substring(1).strip();
    }
    return s.isEmpty() ? null : s;
  }

  private List<String> ids(Document doc, String list, int offset) {
    List<String> out = new ArrayList<>();
    int pos = 0;
    for (String part : list.split(",", -1)) {
      String id = part.strip();
      int at = offset + pos + (id.isEmpty() ? 0 : part.indexOf(id));
      pos += part.length() + 1;
      if (id.isEmpty()) {
        continue;
      }
      if (!id.equals("ALL") && Registry.byId(id) == null) {
        warnings.add(
            doc.line(at)
                + ":"
                + doc.column(at)
                + ": unknown rule '"
                + id
                + "' in a suppression comment (composefix rules lists them)");
      }
      out.add(id);
    }
    if (out.isEmpty()) {
      warnings.add(
          doc.line(offset)
              + ":"
              + doc.column(offset)
              + ": the suppression comment names no rule; write ignore[rule-id, ...]");
    }
    return out;
  }

  private void extensions(ComposeFile cf) {
    Document doc = cf.doc;
    for (Service s : cf.services()) {
      YNode x = s.get("x-composefix");
      if (x == null) {
        continue;
      }
      String where = doc.line(x.start()) + ":" + doc.column(x.start()) + ": ";
      if (!(x instanceof YNode.Mapping m)) {
        warnings.add(
            where
                + "x-composefix of service '"
                + s.name
                + "' must be a mapping (ignore: [rule-id, ...])");
        continue;
      }
      List<String> ids = new ArrayList<>();
      String reason = null;
      for (YNode.Entry e : m.entries) {
        YNode v = e.value().resolve();
        String k = e.keyText();
        String at = doc.line(v.start()) + ":" + doc.column(v.start()) + ": ";
        if ("ignore".equals(k)) {
          List<YNode> items = v instanceof YNode.Sequence seq ? seq.items : List.of(v);
          for (YNode i : items) {
            YNode iv = i.resolve();
            String iat = doc.line(iv.start()) + ":" + doc.column(iv.start()) + ": ";
            if (iv instanceof YNode.Scalar sc && !sc.isNull()) {
              if (!sc.value.equals("ALL") && Registry.byId(sc.value) == null) {
                warnings.add(
                    iat
                        + "unknown rule '"
                        + sc.value
                        + "' in x-composefix.ignore (composefix rules lists them)");
              }
              ids.add(sc.value);
            } else {
              warnings.add(
                  iat + "x-composefix.ignore of service '" + s.name + "' must list rule ids");
            }
          }
        } else if ("reason".equals(k) && v instanceof YNode.Scalar sc && !sc.isNull()) {
          reason = sc.value;
        } else {
          String kat = doc.line(e.key().start()) + ":" + doc.column(e.key().start()) + ": ";
          warnings.add(
              ("reason".equals(k) ? at : kat)
                  + "x-composefix of service '"
                  + s.name
                  + "': "
                  + ("reason".equals(k)
                      ? "reason must be a string"
                      : "unknown key '" + k + "' (expected ignore, reason)"));
        }
      }
      if (!ids.isEmpty()) {
        byService
            .computeIfAbsent(s.name, k -> new ArrayList<>())
            .add(new Rule(ids, reason, true, doc.line(x.start()), doc.column(x.start())));
      }
    }
  }

  private static boolean inside(List<YNode> scalars, int at) {
    for (YNode n : scalars) {
      if (at >= n.start() && at < n.end()) {
        return true;
      }
    }
    return false;
  }

  /** Every non-plain-empty scalar, and the first mapping entry whose key starts on each line. */
  private static void walk(Document doc, List<YNode> scalars, Map<Integer, YNode.Entry> keyLines) {
    if (doc.root == null) {
      return;
    }
    Deque<YNode> todo = new ArrayDeque<>();
    todo.push(doc.root);
    while (!todo.isEmpty()) {
      YNode n = todo.pop();
      if (n instanceof YNode.Scalar) {
        if (n.end() > n.start()) {
          scalars.add(n);
        }
      } else if (n instanceof YNode.Sequence s) {
        for (int i = s.items.size() - 1; i >= 0; i--) {
          todo.push(s.items.get(i));
        }
      } else if (n instanceof YNode.Mapping m) {
        for (YNode.Entry e : m.entries) {
          keyLines.putIfAbsent(doc.line(e.key().start()), e);
        }
        for (int i = m.entries.size() - 1; i >= 0; i--) {
          todo.push(m.entries.get(i).value());
          todo.push(m.entries.get(i).key());
        }
      }
    }
  }
}
