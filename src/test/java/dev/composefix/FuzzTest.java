package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.cli.Main;
import dev.composefix.engine.Engine;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.YamlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * A mutation fuzzer over the corpus, driven by jqwik (Jazzer is not available offline here): each
 * try takes a real compose file and applies random byte and line mutations (flips, deletions,
 * duplications, indentation shifts, YAML punctuation, control and supplementary characters). The
 * YAML layer must either parse or refuse with a {@link YamlException}, a parsed file must print
 * back byte for byte, and the CLI must answer 0, 1 or 2 with no stack trace, always within a second
 * or two. Tries default to jqwik.tries.default (300, in junit-platform.properties, to keep mvn test
 * fast); {@code mvn -o test -Dtest=FuzzTest -Djqwik.tries.default=20000} runs a longer campaign.
 */
class FuzzTest {
  static final String[] TOKENS = {
    "\t",
    ":",
    ": ",
    "- ",
    "&a ",
    "*a",
    "<<: *a",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "#",
    "\r",
    "\n",
    "\r\n",
    "\u0000",
    "\uFEFF",
    "😀",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "!!str ",
    "!reset ",
    "? ",
    "|\n",
    ">-\n",
    "\\",
    "${X:-y}",
    "~",
    "  ",
    "@",
    "`",
    "\u0085",
    "\u2028",
    "\uD800"
  };
  static final List<byte[]> BASES = bases();

  static List<byte[]> bases() {
    List<byte[]> out = new ArrayList<>();
    try {
      if (Files.isDirectory(CorpusTest.CORPUS)) {
        for (Path p : CorpusTest.files()) {
          out.add(Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    out.add(
        ("x-a: &a\n  image: nginx\nservices:\n  web:\n    <<: *a\n    ports: ['80:80']\n"
                + "    environment: {A: b}\n")
            .getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /**
   * A base input index, the random generator's start value for the mutations, and how many
   * mutations to stack.
   */
  record Case(int base, long random, int mutations) {}

  @Provide
  Arbitrary<Case> cases() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.integers().between(0, BASES.size() - 1),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 8))
        .as(Case::new);
  }

  static byte[] mutate(Case c) {
    Random r = new Random(c.random());
    byte[] b = BASES.get(c.base());
    for (int m = 0; m < c.mutations(); m++) {
      b = mutateOnce(b, r);
    }
    return b;
  }

  static byte[] mutateOnce(byte[] b, Random r) {
    if (b.length == 0) {
      return TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
    }
    int at = r.nextInt(b.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (r.nextInt(8)) {
      case 0 -> { // flip a bit
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << r.nextInt(8));
        return c;
      }
      case 1 -> { // delete a range
        int len = 1 + r.nextInt(Math.min(40, b.length - at));
        out.write(b, 0, at);
        out.write(b, at + len, b.length - at - len);
      }
      case 2 -> { // insert a token
        out.write(b, 0, at);
        out.writeBytes(TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
        out.write(b, at, b.length - at);
      }
      default -> { // line operations
        String[] lines = new String(b, StandardCharsets.UTF_8).split("\n", -1);
        int i = r.nextInt(lines.length);
        List<String> l = new ArrayList<>(List.of(lines));
        switch (r.nextInt(5)) {
          case 0 -> l.add(i, l.get(i));
          case 1 -> l.remove(i);
          case 2 -> l.set(i, "  " + l.get(i));
          case 3 -> l.set(i, l.get(i).replaceFirst("^ {1,2}", ""));
          default -> {
            int j = r.nextInt(lines.length);
            String t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
          }
        }
        return String.join("\n", l).getBytes(StandardCharsets.UTF_8);
      }
    }
    return out.toByteArray();
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void yamlLayerParsesOrRefusesCleanly(@ForAll("cases") Case c) {
    String text = new String(mutate(c), StandardCharsets.UTF_8);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          Document d;
          try {
            d = Document.parse(text);
          } catch (YamlException e) {
            assertFalse(e.getMessage().isBlank());
            assertTrue(e.line >= 0 && e.column >= 0);
            return;
          }
          assertEquals(text, d.text);
          try {
            assertEquals(text, new Engine(List.of(), false).run("compose.yaml", text).after());
          } catch (YamlException e) {
            // parsed but not a compose file: fine
          }
        });
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void cliAnswersCleanly(@ForAll("cases") Case c) {
    byte[] input = mutate(c);
    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> {
          for (String[] args : new String[][] {{"-"}, {"--unsafe-fixes", "-"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code =
                Main.run(
                    args,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(input));
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(code == 0 || code == 1 || code == 2, "exit " + code + ": " + e);
            assertFalse(e.contains("\tat ") || e.contains("internal error"), e);
            if (code == 2) {
              assertEquals(
                  1,
                  e.lines().filter(l -> !l.startsWith("composefix: ")).count(),
                  "one error line: " + e);
              assertEquals(input.length, out.size(), "standard input is echoed unchanged");
            } else {
              // the result is a compose file again, and a second run leaves it alone
              String after = out.toString(StandardCharsets.UTF_8);
              Engine engine =
                  new Engine(Registry.select(List.of("ALL"), List.of()), args.length == 2);
              assertEquals(after, engine.run("compose.yaml", after).after(), "idempotent");
            }
          }
        });
  }
}
