package dev.composefix.report;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.ComposePolicy;
import dev.composefix.engine.FileResult;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the engine's positions back to the file as it was read. A finding left open is placed in
 * the final text; the line diff between the texts maps it back (exactly, unless the finding sits on
 * a line a fix added, which is then placed where the addition starts). A fixed finding is placed in
 * the text of the moment it was fixed; the rules are run once more over the original text and the
 * same finding (rule, service, message) found there gives its original position. A finding that
 * only arises after another fix keeps its engine position.
 */
final class Positions {
  private final List<LineDiff.Delta> deltas;
  private final int beforeLines;
  private final Map<String, Deque<int[]>> original = new HashMap<>();

  Positions(FileResult r, List<Rule> rules, Path file, UnifiedDiff.Lines lines) {
    beforeLines = Math.max(1, lines.a().size());
    deltas = lines.deltas(); // near-linear on large files
    if (!r.fixed().isEmpty()) {
      recheck(r, rules, file);
    }
  }

  private void recheck(FileResult r, List<Rule> rules, Path file) {
    if (rules.isEmpty()) {
      return;
    }
    ComposeFile cf;
    try {
      cf = ComposeFile.of(Document.parse(r.before()), r.name(), file);
    } catch (YamlException e) {
      return;
    }
    Patcher patcher = new Patcher(cf.doc, ComposePolicy.INSTANCE);
    for (Rule rule : rules) {
      RuleContext ctx = new RuleContext(rule, cf, patcher);
      try {
        rule.check(ctx);
      } catch (RuntimeException e) {
        continue;
      }
      for (Finding f : ctx.findings()) {
        original
            .computeIfAbsent(key(f), k -> new ArrayDeque<>())
            .add(new int[] {f.line(), f.column()});
      }
    }
  }

  private static String key(Finding f) {
    return f.rule() + '\0' + f.service() + '\0' + f.message();
  }

  /** The original position of a fixed finding. */
  int[] fixed(Finding f) {
    Deque<int[]> q = original.get(key(f));
    return q == null || q.isEmpty() ? new int[] {f.line(), f.column()} : q.poll();
  }

  /**
   * The original position of a finding placed in the final text (binary search over the deltas).
   */
  int[] remaining(Finding f) {
    int line = f.line() - 1;
    int lo = 0;
    int hi = deltas.size() - 1;
    int last = -1; // the last delta that starts at or before the line in the new text
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (deltas.get(mid).bPos() <= line) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (last < 0) {
      return new int[] {line + 1, f.column()};
    }
    LineDiff.Delta d = deltas.get(last);
    int te = d.bPos() + d.bLen();
    if (line < te) {
      return new int[] {Math.min(d.aPos() + 1, beforeLines), 1};
    }
    return new int[] {line + d.aPos() + d.aLen() - te + 1, f.column()};
  }
}
