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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users read cites public sources they can open: every paragraph that names a source (the CIS
 * Docker Benchmark, the OWASP cheat sheet, a CVE) carries a link, every rule's "Why" links at least
 * one source, and nothing refers to the project's internal notes or quotes untranslated text.
 */
class SourcesTest {
  /** Names of sources that a reader would want to open. */
  static final Pattern CITATION =
      Pattern.compile("\\b(CIS|OWASP|CVE-\\d{4}-\\d+|Benchmark|Cheat Sheet|RFC \\d+)\\b");

  static final Pattern LINK =
      Pattern.compile("\\]\\(https://[^)\\s]+\\)|<https://[^>\\s]+>|https://\\S+");
  static final Pattern INTERNAL =
      Pattern.compile("(?i)\\bseeds?\\s*#?\\s*0\\d\\d\\b|\\bseeds/|\\bADRs?\\b");
  static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
  static final Pattern CIS_ITEM =
      Pattern.compile(
          "\\[CIS Docker Benchmark\\]\\(https://[^)]+\\) v\\d+\\.\\d+\\.\\d+, \\d+\\.\\d+");

  /** The problems of one text: each is "where: what". */
  static List<String> problems(String where, String text) {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String para : text.replace("\r\n", "\n").split("\n\\s*\n")) {
      n++;
      Matcher c = CITATION.matcher(para);
      if (c.find() && !LINK.matcher(para).find()) {
        out.add(
            where + " paragraph " + n + ": cites " + c.group() + " without a link: " + brief(para));
      }
      if (para.contains("CIS Docker Benchmark") && !CIS_ITEM.matcher(para).find()) {
        out.add(
            where
                + " paragraph "
                + n
                + ": a CIS citation without its version and item number: "
                + brief(para));
      }
      Matcher i = INTERNAL.matcher(para);
      if (i.find()) {
        out.add(
            where
                + " paragraph "
                + n
                + ": refers to internal notes ("
                + i.group()
                + "): "
                + brief(para));
      }
      Matcher j = CJK.matcher(para);
      if (j.find()) {
        out.add(where + " paragraph " + n + ": untranslated text: " + brief(para));
      }
    }
    return out;
  }

  private static String brief(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 120 ? t.substring(0, 120) + "..." : t;
  }

  @Test
  void theCheckFailsOnWhatItLooksFor() {
    assertEquals(2, problems("x", "As the CIS Docker Benchmark says, drop them.").size());
    assertEquals(1, problems("x", "See CVE-2022-0492 for the escape.").size());
    assertEquals(1, problems("x", "Seed 002 (production checklist) says so.").size());
    assertEquals(1, problems("x", "as the seeds/ folder says").size());
    assertEquals(
        0, problems("x", "a command that runs a migration or a seed script is a job").size());
    assertEquals(1, problems("x", "\"HEALTHCHECK \u5b9a\u7fa9\u6e08\u307f\"").size());
    assertEquals(
        1,
        problems(
                "x", "[CIS Docker Benchmark](https://www.cisecurity.org/benchmark/docker) says so.")
            .size());
    assertEquals(
        List.of(),
        problems(
            "x",
            "[CIS Docker Benchmark](https://www.cisecurity.org/benchmark/docker) v1.6.0, 5.25 and [CVE-2022-0492](https://nvd.nist.gov/vuln/detail/CVE-2022-0492)."));
  }

  @Test
  void everyWhyLinksAPublicSource() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Rule r : Registry.all()) {
      String doc = Files.readString(DocsTest.DOCS.resolve(r.id() + ".md"));
      int at = doc.indexOf("\n## Why\n");
      int end = doc.indexOf("\n## ", at + 1);
      String why = doc.substring(at, end < 0 ? doc.length() : end);
      if (!LINK.matcher(why).find()) {
        bad.add(r.id() + ": its Why links no source");
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void docsAndTextsCiteWithLinksAndNothingInternal() throws IOException {
    List<String> bad = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
    for (String dir : List.of("docs", "src/main")) {
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(md|java|yaml|yml|json)"))
            .forEach(files::add);
      }
    }
    assertTrue(files.size() > 40, "the walk found the files");
    for (Path p : files) {
      bad.addAll(problems(p.toString(), Files.readString(p)));
    }
    assertEquals(List.of(), bad);
  }
}
