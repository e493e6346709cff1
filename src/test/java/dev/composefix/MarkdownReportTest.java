package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composefix.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The pull request description of the largest project of the shared corpus: under 60,000 characters
 * by design, and every link it renders (CommonMark with GFM tables) goes somewhere: an absolute
 * https URL or an anchor of the document. No entity shows literally in a code span, and no text
 * refers to internal notes.
 */
class MarkdownReportTest {
  static final Path LARGEST = CorpusTest.CORPUS.resolve("Haxxnet+Compose-Examples");
  static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  static final Pattern HREF = Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");

  static String markdown(Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("--format", "markdown"));
    args.addAll(List.of(extra));
    args.add(LARGEST.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0]),
        env);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Problems of a rendered description: broken links, entities in code spans. */
  static List<String> problems(String md) {
    List<String> bad = new ArrayList<>();
    Node doc = PARSER.parse(md);
    Set<String> anchors = new HashSet<>();
    Matcher a = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(md);
    while (a.find()) {
      anchors.add(a.group(1).toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
    }
    List<String> targets = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link l) {
            targets.add(l.getDestination());
            visitChildren(l);
          }

          @Override
          public void visit(Image i) {
            targets.add(i.getDestination());
          }

          @Override
          public void visit(HtmlInline h) {
            html(h.getLiteral());
          }

          @Override
          public void visit(HtmlBlock h) {
            html(h.getLiteral());
          }

          private void html(String s) {
            Matcher m = HREF.matcher(s);
            while (m.find()) {
              targets.add(m.group(1));
            }
          }

          @Override
          public void visit(Code c) {
            if (c.getLiteral().matches(".*&(lt|gt|amp|quot|#\\d+);.*")) {
              bad.add("an entity inside a code span shows literally: `" + c.getLiteral() + "`");
            }
          }
        });
    for (String t : targets) {
      boolean ok =
          t.startsWith("#") ? anchors.contains(t.substring(1)) : t.matches("https://[^\\s]+");
      if (!ok) {
        bad.add("a link that goes nowhere: " + t);
      }
    }
    bad.addAll(SourcesTest.problems("the report", md));
    return bad;
  }

  @Test
  void theCheckFindsBrokenLinksAndEntities() {
    assertEquals(
        1,
        problems(
                "see [the rule](https://github.com/composefix/composefix/blob/main/x.md)"
                    .replace("https://", ""))
            .size());
    assertEquals(1, problems("see [below](#nowhere)").size());
    assertEquals(1, problems("<a href=\"docs/x.md\">x</a>").size());
    assertEquals(1, problems("use `&lt;version>`").size());
    assertEquals(
        List.of(),
        problems(
            "## Left for a human\n\nsee [below](#left-for-a-human) and [d](https://docs.docker.com/)"));
  }

  @Test
  void theLargestProjectFitsAndLinksNowhereBroken() {
    assumeTrue(Files.isDirectory(LARGEST), "../shared/corpus is not beside the repository");
    for (String[] extra :
        new String[][] {
          {},
          {"--unsafe-fixes"},
          {"--group-by", "rule"},
          {"--docs-url", "https://github.com/OWNER/composefix/blob/v1/docs/rules"}
        }) {
      String md = markdown(Map.of(), extra);
      String what = String.join(" ", extra);
      assertTrue(
          md.startsWith("This pull request hardens "),
          what + ": " + md.substring(0, Math.min(200, md.length())));
      assertTrue(md.length() < 60_000, what + ": " + md.length() + " characters");
      assertEquals(List.of(), problems(md), what);
      assertFalse(md.contains("- [ ]"), what + ": no checkbox per finding");
      if (extra.length == 0) {
        assertFalse(
            md.contains("](http") && md.contains("composefix/blob"),
            "no links to rule docs without a docs URL");
        assertTrue(md.contains("## What was verified"), what);
        assertTrue(md.contains("<details>"), "long diffs are collapsed");
      }
    }
  }

  @Test
  void groupByRuleHasOneMarkedSectionPerRule() {
    assumeTrue(Files.isDirectory(LARGEST), "../shared/corpus is not beside the repository");
    Map<String, String> env = new HashMap<>();
    env.put("COMPOSEFIX_DOCS_URL", "https://example.org/rules/{rule}.html");
    String md = markdown(env, "--group-by", "rule");
    Matcher m =
        Pattern.compile("(?m)^<!-- composefix:rule ([a-z0-9-]+) -->\\n## `\\1` \\(").matcher(md);
    Set<String> ids = new HashSet<>();
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), "one section per rule: " + m.group(1));
    }
    assertTrue(ids.contains("no-new-privileges") && ids.contains("log-rotation"), ids.toString());
    assertTrue(
        md.contains("(https://example.org/rules/no-new-privileges.html)"),
        "the environment's docs URL is used");
    assertTrue(
        md.contains("`composefix --select no-new-privileges --write`"), md.substring(0, 2000));
  }

  @Test
  void docsUrlAndGroupByAreCheckedSettings() throws Exception {
    dev.composefix.config.Config c =
        dev.composefix.config.Config.parse(
            "docs-url: https://example.org/r/{rule}.html\ngroup-by: rule\n",
            null,
            dev.composefix.rules.Registry.ids());
    assertEquals("https://example.org/r/{rule}.html", c.docsUrl);
    assertEquals("rule", c.groupBy);
    for (String bad :
        List.of(
            "docs-url: ftp://example.org/r\n", "docs-url: docs/rules\n", "group-by: service\n")) {
      org.junit.jupiter.api.Assertions.assertThrows(
          dev.composefix.yaml.YamlException.class,
          () -> dev.composefix.config.Config.parse(bad, null, dev.composefix.rules.Registry.ids()),
          bad);
    }
    assertEquals(
        "https://example.org/r/init.html", dev.composefix.report.Tool.docUri(c.docsUrl, "init"));
    assertEquals(
        "https://x.org/d/init.md", dev.composefix.report.Tool.docUri("https://x.org/d/", "init"));
    assertEquals(null, dev.composefix.report.Tool.docUri(null, "init"));
  }
}
