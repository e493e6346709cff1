package dev.composefix.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line diff of large inputs is a correct edit script, whatever anchors it found. */
class LineDiffTest {
  static List<String> apply(List<String> a, List<String> b, List<LineDiff.Delta> deltas) {
    List<String> out = new ArrayList<>();
    int at = 0;
    for (LineDiff.Delta d : deltas) {
      assertTrue(d.aPos() >= at, "deltas in order and apart");
      out.addAll(a.subList(at, d.aPos()));
      out.addAll(b.subList(d.bPos(), d.bPos() + d.bLen()));
      assertEquals(out.size(), d.bPos() + d.bLen(), "target positions agree");
      at = d.aPos() + d.aLen();
    }
    out.addAll(a.subList(at, a.size()));
    return out;
  }

  @Test
  void largeInputsGiveAnEditScriptThatRebuildsTheNewText() {
    Random rnd = new Random(7);
    String[] common = {
      "    image: nginx\n", "\n", "    restart: always\n", "      - /tmp\n", "    ports:\n"
    };
    for (int round = 0; round < 20; round++) {
      List<String> a = new ArrayList<>();
      int n = 3000 + rnd.nextInt(20000);
      for (int i = 0; i < n; i++) {
        a.add(rnd.nextInt(4) == 0 ? "  svc-" + i + ":\n" : common[rnd.nextInt(common.length)]);
      }
      List<String> b = new ArrayList<>();
      for (String line : a) {
        int r = rnd.nextInt(20);
        if (r == 0) {
          continue; // removed
        }
        if (r == 1) {
          b.add("    security_opt: [no-new-privileges:true]\n");
        }
        b.add(r == 2 ? common[rnd.nextInt(common.length)] : line);
      }
      if (round % 5 == 0) {
        b.add(0, "# header\n");
        b.add("# footer\n");
      }
      List<LineDiff.Delta> d = LineDiff.diff(a, b);
      assertEquals(b, apply(a, b, d));
    }
  }

  @Test
  void smallInputsKeepPlainMyers() {
    List<String> a = List.of("a\n", "b\n", "c\n", "\n", "d\n");
    List<String> b = List.of("a\n", "b\n", "x\n", "c\n", "\n", "\n", "d\n");
    assertEquals(b, apply(a, b, LineDiff.diff(a, b)));
    assertEquals(2, LineDiff.diff(a, b).size());
  }
}
