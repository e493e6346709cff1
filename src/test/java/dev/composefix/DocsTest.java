package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule has docs/rules/ID.md with the sections users look for, and every doc has a rule. */
class DocsTest {
  static final Path DOCS = Path.of("docs", "rules");

  @Test
  void docsAndRulesMatch() throws IOException {
    TreeSet<String> docs = new TreeSet<>();
    try (Stream<Path> s = Files.list(DOCS)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md"))
          .forEach(n -> docs.add(n.substring(0, n.length() - 3)));
    }
    TreeSet<String> rules = new TreeSet<>(Registry.all().stream().map(Rule::id).toList());
    assertEquals(rules, docs);
  }

  @Test
  void everyDocHasItsSections() throws IOException {
    for (Rule r : Registry.all()) {
      String doc = Files.readString(DOCS.resolve(r.id() + ".md"));
      assertTrue(doc.startsWith("# " + r.id() + "\n"), r.id());
      for (String section :
          List.of(
              "## What it does",
              "## Why",
              "## Fix safety",
              "## Example",
              "## How to turn it off")) {
        assertTrue(doc.contains(section), r.id() + " lacks " + section);
      }
      assertTrue(
          doc.contains("**Safety:** " + r.applicability().label()),
          r.id() + " states another safety");
    }
  }
}
