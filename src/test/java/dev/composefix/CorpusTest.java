package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composefix.compose.ComposePolicy;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Splicer;
import dev.composefix.yaml.Verify;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of ../shared/corpus (real compose files, read-only): with no edits the text comes back
 * byte for byte; with every rule (unsafe ones too) the run passes the engine's own value check, the
 * result parses, and a second run changes nothing.
 */
class CorpusTest {
  static final Path CORPUS = Path.of("..", "shared", "corpus");

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(CORPUS)) {
      return s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus is not beside the repository");
    List<Path> files = files();
    assertTrue(files.size() >= 200, "corpus has " + files.size() + " files");
    return files.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    CORPUS.relativize(p).toString(),
                    () -> {
                      String text = Files.readString(p, StandardCharsets.UTF_8);
                      Document doc = Document.parse(text);
                      assertEquals(
                          text,
                          Splicer.apply(doc.text, List.of()),
                          "a file with no edits must print back byte for byte");
                      for (boolean unsafe : new boolean[] {false, true}) {
                        Engine engine =
                            new Engine(Registry.select(List.of("ALL"), List.of()), unsafe);
                        FileResult r = engine.run(p.getFileName().toString(), text);
                        // every fix says what it does in a few words (SARIF shows it)
                        for (var f : r.fixed()) {
                          assertTrue(
                              f.fix()
                                  .map(x -> x.title() != null && !x.title().isBlank())
                                  .orElse(true),
                              f.rule() + " fixed without a title: " + f.message());
                        }
                        Document after = Document.parse(r.after());
                        assertEquals(
                            r.after(),
                            engine.run(p.getFileName().toString(), r.after()).after(),
                            "second run changed it");
                        // nothing the user wrote is gone: every original value is still there, at
                        // its route
                        assertEquals(
                            null,
                            new Verify(List.of())
                                .firstLost(doc.root, after.root, ComposePolicy.INSTANCE));
                      }
                    }));
  }
}
