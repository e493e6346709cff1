package dev.composefix.yaml;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How a file writes its YAML: indentation step, whether block sequences are indented under their
 * key, which quote it prefers and its line ending. Inserted text follows it.
 */
public record Style(int indent, boolean indentSequences, char quote, String eol) {

  public static Style of(Document doc) {
    int[] steps = new int[9];
    int seqIndented = 0;
    int seqFlush = 0;
    Deque<YNode> todo = new ArrayDeque<>();
    if (doc.root != null) {
      todo.push(doc.root);
    }
    LineIndex li = doc.lines;
    while (!todo.isEmpty()) {
      YNode n = todo.pop();
      if (n instanceof YNode.Mapping m) {
        if (m.flow) {
          continue;
        }
        for (YNode.Entry e : m.entries) {
          YNode v = e.value();
          int keyCol = li.column(e.key().start());
          if (v instanceof YNode.Mapping vm && !vm.flow && !vm.entries.isEmpty()) {
            int d = li.column(vm.entries.get(0).key().start()) - keyCol;
            if (d > 0 && d < steps.length && li.firstOnLine(vm.entries.get(0).key().start())) {
              steps[d]++;
            }
          } else if (v instanceof YNode.Sequence vs && !vs.flow && !vs.items.isEmpty()) {
            int dash = Patcher.dashBefore(doc.text, vs.items.get(0).start());
            if (dash >= 0) {
              if (li.column(dash) > keyCol) {
                seqIndented++;
              } else {
                seqFlush++;
              }
            }
          }
          todo.push(v);
        }
      } else if (n instanceof YNode.Sequence s && !s.flow) {
        for (YNode i : s.items) {
          todo.push(i);
        }
      }
    }
    int best = 2;
    for (int d = 1; d < steps.length; d++) {
      if (steps[d] > steps[best]) {
        best = d;
      }
    }
    return new Style(best, seqIndented >= seqFlush, doc.preferredQuote(), doc.eol);
  }
}
