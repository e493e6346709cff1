package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README stays short, and its rule table is the registry's: every rule, in order, with its
 * safety.
 */
class ReadmeTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| \\[([a-z0-9-]+)\\]\\(docs/rules/([a-z0-9-]+)\\.md\\) \\| ([^|]+) \\|");

  static List<String[]> rows(String readme) {
    List<String[]> rows = new ArrayList<>();
    for (String line : readme.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.add(new String[] {m.group(1), m.group(2), m.group(3).strip()});
      }
    }
    return rows;
  }

  /**
   * The rows that disagree with the registry, as readable lines (empty when the table is right).
   */
  static List<String> problems(List<String[]> rows) {
    List<String> bad = new ArrayList<>();
    List<Rule> all = Registry.all();
    if (rows.size() != all.size()) {
      bad.add("the table has " + rows.size() + " rules, the registry " + all.size());
    }
    for (int i = 0; i < Math.min(rows.size(), all.size()); i++) {
      Rule r = all.get(i);
      String[] row = rows.get(i);
      if (!row[0].equals(r.id()) || !row[1].equals(r.id())) {
        bad.add("row " + (i + 1) + " is " + row[0] + ", the registry's rule there is " + r.id());
      } else if (!row[2].equals(r.applicability().label())
          && !row[2].startsWith(r.applicability().label() + " / ")) {
        bad.add(r.id() + " is " + r.applicability().label() + ", the table says " + row[2]);
      }
    }
    return bad;
  }

  @Test
  void ruleTableIsTheRegistry() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertEquals(List.of(), problems(rows(readme)));
  }

  @Test
  void aDriftedTableFails() {
    List<String[]> rows = new ArrayList<>();
    for (Rule r : Registry.all()) {
      rows.add(new String[] {r.id(), r.id(), r.applicability().label()});
    }
    assertEquals(List.of(), problems(rows));
    List<String[]> swapped = new ArrayList<>(rows);
    swapped.set(0, rows.get(1));
    swapped.set(1, rows.get(0));
    assertTrue(!problems(swapped).isEmpty());
    List<String[]> wrongSafety = new ArrayList<>(rows);
    wrongSafety.set(1, new String[] {rows.get(1)[0], rows.get(1)[1], "unsafe"});
    assertTrue(!problems(wrongSafety).isEmpty());
    assertTrue(!problems(rows.subList(0, rows.size() - 1)).isEmpty());
  }

  @Test
  void readmeIsShort() throws IOException {
    long lines = Files.readAllLines(Path.of("README.md")).size();
    assertTrue(
        lines < 150, "README.md has " + lines + " lines; details go to docs/ or CONTRIBUTING.md");
  }
}
