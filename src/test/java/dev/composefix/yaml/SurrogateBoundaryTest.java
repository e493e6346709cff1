package dev.composefix.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Characters outside the BMP at every offset around the parser's buffer boundary. */
class SurrogateBoundaryTest {
  @Test
  void emojiAtEveryOffsetAroundTheParsersBuffer() throws Exception {
    for (int pad = 990; pad < 1100; pad++) {
      StringBuilder b =
          new StringBuilder("services:\n  web:\n    image: nginx:1.27\n    labels:\n      x: \"");
      while (b.length() < pad) {
        b.append('a');
      }
      b.append("\uD83D\uDE00\uD83D\uDE00\"\n");
      Document d = Document.parse(b.toString());
      YNode.Scalar x =
          (YNode.Scalar)
              ((YNode.Mapping)
                      ((YNode.Mapping)
                              ((YNode.Mapping) ((YNode.Mapping) d.root).get("services")).get("web"))
                          .get("labels"))
                  .get("x");
      assertEquals(b.substring(b.indexOf("x: \"") + 4, b.length() - 2), x.value, "pad " + pad);
      assertEquals(
          "\"" + x.value + "\"",
          d.text.substring(x.start(), x.end()),
          "offsets stay right at pad " + pad);
    }
  }
}
