package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * All fixes together converge: every registered rule, unsafe fixes included, runs over every
 * fixture input and every corpus file, and a second run over the result changes nothing and fixes
 * nothing.
 */
class ConvergenceTest {

  static List<Path> inputs() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(FixtureTest.ROOT)) {
      s.filter(p -> p.getFileName().toString().equals("input.yaml")).sorted().forEach(out::add);
    }
    if (Files.isDirectory(CorpusTest.CORPUS)) {
      out.addAll(CorpusTest.files());
    }
    return out;
  }

  /** The name a fixture runs under (its options may make it an override file). */
  static String name(Path p) throws IOException {
    Path opt = p.resolveSibling("options");
    if (p.startsWith(FixtureTest.ROOT) && Files.exists(opt)) {
      String[] words = Files.readString(opt).trim().split("\\s+");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].equals("--name")) {
          return words[i + 1];
        }
      }
    }
    return p.startsWith(FixtureTest.ROOT) ? "compose.yaml" : p.getFileName().toString();
  }

  @TestFactory
  Stream<DynamicTest> everyRuleConverges() throws IOException {
    List<Path> inputs = inputs();
    assertTrue(inputs.size() > 10, "no inputs found");
    Engine engine = new Engine(Registry.all(), true);
    return inputs.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.toString(),
                    () -> {
                      String text = Files.readString(p, StandardCharsets.UTF_8);
                      String name = name(p);
                      FileResult first = engine.run(name, text);
                      Document.parse(first.after());
                      FileResult second = engine.run(name, first.after());
                      assertEquals(
                          first.after(),
                          second.after(),
                          "a second run with every rule changed " + p);
                      assertTrue(
                          second.fixed().isEmpty(),
                          "a second run still fixed " + second.fixed() + " in " + p);
                    }));
  }
}
