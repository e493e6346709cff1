package dev.composefix.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Render#plainOk} decides as its regular-expression definition does, without running one per
 * value.
 */
class PlainScalarTest {
  private static final Pattern NUMBERISH =
      Pattern.compile(
          "[-+]?(\\.?[0-9][0-9_.:eExXoObB+-]*|0[xX][0-9a-fA-F_]+|\\.inf|\\.Inf|\\.INF|\\.nan|\\.NaN|\\.NAN)");
  private static final Pattern SPECIAL_WORDS =
      Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|~)");

  /**
   * The definition: no indicator first, nothing that ends or comments a plain scalar, no number or
   * special word.
   */
  private static boolean reference(String s, boolean flow) {
    if (s.isEmpty()
        || !s.strip().equals(s)
        || "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0
        || s.contains(": ")
        || s.contains(" #")
        || s.endsWith(":")
        || s.contains("\n")
        || s.contains("\t")) {
      return false;
    }
    if (flow && s.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0)) {
      return false;
    }
    return !NUMBERISH.matcher(s).matches() && !SPECIAL_WORDS.matcher(s).matches();
  }

  @Provide
  Arbitrary<String> scalars() {
    Arbitrary<String> words =
        Arbitraries.of(
            "true",
            "False",
            "YES",
            "no",
            "On",
            "oFF",
            "y",
            "N",
            "null",
            "NULL",
            "~",
            "yeſ",
            "nuLL",
            ".inf",
            "-.Inf",
            "+.NAN",
            "0x1F",
            "0o17",
            "1e5",
            "10m",
            "0.5",
            "-",
            "+",
            ".",
            "+1",
            "nginx:1.25",
            "a b",
            "x");
    Arbitrary<String> chars =
        Arbitraries.strings()
            .withChars("aeflnorstuyAEFLNORSTUY~.+-_0159xXoObBeE: #,[]{}ſ")
            .ofMinLength(0)
            .ofMaxLength(7);
    return Arbitraries.oneOf(words, chars, Arbitraries.strings().ofMaxLength(6));
  }

  @Property(tries = 3000)
  void decidesAsTheDefinition(@ForAll("scalars") String s, @ForAll boolean flow) {
    assertEquals(reference(s, flow), Render.plainOk(s, flow), s);
  }

  @Test
  void examples() {
    assertFalse(Render.plainOk("Yes", false));
    assertFalse(Render.plainOk("~", false));
    assertFalse(Render.plainOk("-1.5", false));
    assertFalse(Render.plainOk(".NaN", false));
    assertTrue(Render.plainOk("yeſ", false)); // not an ASCII special word
    assertTrue(Render.plainOk("nginx:1.25", true));
    assertTrue(Render.plainOk("10m", false));
  }
}
