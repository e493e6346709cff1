package dev.composefix.report;

import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Controls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --format markdown}: a pull request description a reviewer reads to the end. In order: one
 * opening sentence, a summary table (one row per rule), what was verified before the description
 * was written, one short reason per kind of change, the diffs (each file's diff collapsed in a
 * {@code <details>} block when it is long), the caveats of unsafe fixes applied, and the findings
 * left as a short list grouped by rule (a count and the first few places, never the suggested
 * numbers). Its size is bounded by design: the diffs share {@link #DIFF_BUDGET} characters and the
 * files past it are listed with their line counts; every list is capped, so a run over hundreds of
 * files stays far under GitHub's 65,536-character limit.
 *
 * <p>Rules link to their documentation only when a docs base URL is set ({@code --docs-url}, {@code
 * docs-url} or {@value Tool#DOCS_URL_ENV}); without one nothing links to the rule docs and each
 * rule's short reason stands in the text. With {@code --group-by rule} the description has one
 * section per rule, each opened by {@code <!-- composefix:rule ID -->}, for a bot that opens one
 * pull request per kind of change (docs/formats.md).
 */
public final class MarkdownReporter implements Reporter {
  /** The diffs shown in full, together, stay under this many characters. */
  static final int DIFF_BUDGET = 30_000;

  /** A file's diff longer than this many lines is collapsed in a details block. */
  static final int COLLAPSE_LINES = 30;

  /** Files listed without their diff, past the budget. */
  static final int MAX_LISTED_FILES = 60;

  /** Files named in a rule's section of a --group-by rule description. */
  static final int MAX_RULE_FILES = 20;

  /** Places named per rule in the findings left. */
  static final int MAX_PLACES = 5;

  static final int MAX_ERRORS = 10;
  private static final Pattern TICKS = Pattern.compile("`+");

  private final Reporter.Options options;

  public MarkdownReporter(Reporter.Options options) {
    this.options = options;
  }

  /** Counts of one rule over the run. */
  private static final class Tally {
    int fixed;
    int left;
    int unsafeLeft;
    int unsized;
    final List<String> places = new ArrayList<>();
    final Set<String> files = new LinkedHashSet<>();
  }

  @Override
  public String render(Report report) {
    StringBuilder b = new StringBuilder();
    Map<String, Tally> tallies = tallies(report);
    opening(b, report, options.groupByRule());
    if (options.groupByRule()) {
      b.append(
          "\nOne section per kind of change follows; each starts with a `<!-- composefix:rule ID -->` line.\n");
      for (Map.Entry<String, Tally> e : tallies.entrySet()) {
        ruleSection(b, report, e.getKey(), e.getValue());
      }
    } else {
      summary(b, report, tallies);
      if (report.changedCount() > 0) {
        verified(b);
        reasons(b, tallies);
        changes(b, report);
        caveats(b, report, tallies);
      }
      left(b, report, tallies, null);
    }
    footer(b, report);
    return b.toString();
  }

  private static Map<String, Tally> tallies(Report report) {
    Map<String, Tally> t = new LinkedHashMap<>();
    for (Rule r : report.rules()) {
      t.put(r.id(), new Tally());
    }
    for (Report.FileReport f : report.files()) {
      for (Report.Item i : f.items()) {
        Tally c = t.computeIfAbsent(i.finding().rule(), k -> new Tally());
        if (i.fixed()) {
          c.fixed++;
          c.files.add(f.path());
        } else {
          c.left++;
          if (i.unsafeFixLeft()) {
            c.unsafeLeft++;
          }
          if (i.finding().message().contains("not in the runtime table")) {
            c.unsized++;
          }
          if (c.places.size() < MAX_PLACES) {
            c.places.add(
                code(f.path() + ":" + Math.max(1, i.lineNow()))
                    + (i.finding().service() == null ? "" : " " + code(i.finding().service())));
          }
        }
      }
    }
    t.values().removeIf(c -> c.fixed + c.left == 0);
    return t;
  }

  private static void opening(StringBuilder b, Report report, boolean byRule) {
    int changed = report.changedCount();
    int left = report.leftCount();
    String tool = Tool.NAME + " " + Tool.VERSION;
    if (changed > 0) {
      b.append("This pull request hardens ")
          .append(count(changed, "Docker Compose file"))
          .append(" with ")
          .append(count(report.fixedCount(), "fix", "fixes"))
          .append(" from ")
          .append(tool)
          .append('.');
    } else {
      b.append(tool)
          .append(" found nothing to change in ")
          .append(count(report.files().size(), "Docker Compose file"))
          .append('.');
    }
    if (left > 0) {
      b.append(' ')
          .append(count(left, "finding"))
          .append(left == 1 ? " is" : " are")
          .append(
              byRule
                  ? " left for a human, listed in each rule's section."
                  : " left for a human, grouped by rule at the end.");
    }
    b.append('\n');
    List<String> bad =
        report.files().stream().filter(f -> f.error() != null).map(f -> code(f.path())).toList();
    if (!bad.isEmpty()) {
      b.append("\n> [!WARNING]\n> ")
          .append(count(bad.size(), "file"))
          .append(" could not be processed: ")
          .append(String.join(", ", bad.subList(0, Math.min(bad.size(), MAX_ERRORS))))
          .append(bad.size() > MAX_ERRORS ? " and " + (bad.size() - MAX_ERRORS) + " more" : "")
          .append(".\n");
    }
  }

  private void summary(StringBuilder b, Report report, Map<String, Tally> tallies) {
    if (tallies.isEmpty()) {
      return;
    }
    b.append(
        "\n## Summary\n\n| Rule | Safety | Fixed | Files changed | Left |\n|---|---|---:|---:|---:|\n");
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally c = e.getValue();
      b.append("| ")
          .append(rule(e.getKey()))
          .append(" | ")
          .append(safety(report, e.getKey()))
          .append(" | ")
          .append(c.fixed)
          .append(" | ")
          .append(c.files.size())
          .append(" | ")
          .append(c.left)
          .append(" |\n");
    }
  }

  private static void verified(StringBuilder b) {
    b.append("\n## What was verified\n\n")
        .append(
            "- Every change is a text edit at a place the YAML parser reported; every byte outside the changed"
                + " places is as it was (comments, quoting, key order, anchors, line endings).\n")
        .append(
            "- After each batch of edits the file was parsed again and compared with the text before, value"
                + " by value: nothing changed but the keys the fixes name.\n")
        .append("- A file that validated against the compose-spec schema before still validates.\n")
        .append("- The rules ran again over the result until a pass found nothing more to fix.\n");
  }

  private void reasons(StringBuilder b, Map<String, Tally> tallies) {
    b.append("\n## Why these changes\n\n");
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      if (e.getValue().fixed > 0) {
        b.append("- ")
            .append(rule(e.getKey()))
            .append(": ")
            .append(inline(reason(e.getKey())))
            .append('\n');
      }
    }
  }

  private static void changes(StringBuilder b, Report report) {
    b.append("\n## Changes\n");
    int budget = DIFF_BUDGET;
    List<String> unshown = new ArrayList<>();
    for (Report.FileReport f : report.files()) {
      if (!f.changed()) {
        continue;
      }
      String diff = f.diff().replace("\r\n", "\n");
      int[] pm = plusMinus(diff);
      if (diff.length() > budget) {
        unshown.add(code(f.path()) + " (+" + pm[0] + " −" + pm[1] + ")");
        continue;
      }
      budget -= diff.length();
      String fence = "`".repeat(Math.max(3, longestTicks(diff) + 1));
      String block = fence + "diff\n" + diff + (diff.endsWith("\n") ? "" : "\n") + fence + "\n";
      long lines = diff.chars().filter(ch -> ch == '\n').count();
      if (lines > COLLAPSE_LINES) {
        b.append("\n<details>\n<summary>")
            .append(html(f.path()))
            .append(" (+")
            .append(pm[0])
            .append(" −")
            .append(pm[1])
            .append(")</summary>\n\n")
            .append(block)
            .append("\n</details>\n");
      } else {
        b.append("\n### ").append(code(f.path())).append("\n\n").append(block);
      }
    }
    if (!unshown.isEmpty()) {
      b.append("\nThe diffs of ")
          .append(count(unshown.size(), "more file"))
          .append(" are in the pull request's changed files: ")
          .append(String.join(", ", unshown.subList(0, Math.min(unshown.size(), MAX_LISTED_FILES))))
          .append(
              unshown.size() > MAX_LISTED_FILES
                  ? " and " + (unshown.size() - MAX_LISTED_FILES) + " more"
                  : "")
          .append(".\n");
    }
  }

  private void caveats(StringBuilder b, Report report, Map<String, Tally> tallies) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      if (e.getValue().fixed > 0 && isUnsafe(report, e.getKey())) {
        lines.add("- " + rule(e.getKey()) + ": " + inline(caveat(e.getKey())));
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    b.append("\n<details>\n<summary>Caveats: ")
        .append(count(lines.size(), "rule"))
        .append(
            " in this pull request can change how the services behave at run time</summary>\n\n");
    lines.forEach(l -> b.append(l).append('\n'));
    b.append("\n</details>\n");
  }

  /** The findings left: per rule a count, what would fix them and the first places. */
  private void left(StringBuilder b, Report report, Map<String, Tally> tallies, String only) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally c = e.getValue();
      if (c.left == 0 || only != null && !only.equals(e.getKey())) {
        continue;
      }
      StringBuilder l =
          new StringBuilder("- ")
              .append(rule(e.getKey()))
              .append(" (")
              .append(count(c.left, "finding"));
      if (c.unsafeLeft > 0) {
        l.append("; ")
            .append(c.unsafeLeft)
            .append(" fixable with `--unsafe-fixes`, to review first");
      }
      l.append("): ").append(inline(reason(e.getKey())));
      if (c.unsized > 0) {
        l.append(" ")
            .append(count(c.unsized, "service"))
            .append(c.unsized == 1 ? " uses" : " use")
            .append(
                " an image the runtime table does not size: measure it (`docker stats`) and set its own values.");
      }
      l.append(" First places: ")
          .append(String.join(", ", c.places))
          .append(c.left > c.places.size() ? " and " + (c.left - c.places.size()) + " more" : "")
          .append('.');
      lines.add(l.toString());
    }
    if (lines.isEmpty()) {
      return;
    }
    b.append(only == null ? "\n## Left for a human\n\n" : "\nLeft for a human:\n\n");
    lines.forEach(l -> b.append(l).append('\n'));
    if (only == null) {
      b.append(
          "\n`composefix` with no options lists every finding with its file, line and column.\n");
    }
  }

  /** One rule's section of a {@code --group-by rule} description. */
  private void ruleSection(StringBuilder b, Report report, String id, Tally c) {
    b.append("\n<!-- composefix:rule ")
        .append(id)
        .append(" -->\n## ")
        .append(code(id))
        .append(" (")
        .append(safety(report, id))
        .append(")\n\n");
    b.append(inline(reason(id))).append('\n');
    if (options.docsUrl() != null) {
      b.append("\n[The rule's documentation](")
          .append(Tool.docUri(options.docsUrl(), id))
          .append(")\n");
    }
    if (c.fixed > 0) {
      b.append("\n")
          .append(count(c.fixed, "fix", "fixes"))
          .append(" in ")
          .append(count(c.files.size(), "file"))
          .append(": ")
          .append(
              String.join(
                  ", ",
                  c.files.stream().limit(MAX_RULE_FILES).map(MarkdownReporter::code).toList()))
          .append(
              c.files.size() > MAX_RULE_FILES
                  ? " and " + (c.files.size() - MAX_RULE_FILES) + " more"
                  : "")
          .append(". This rule's changes alone: `composefix --select ")
          .append(id)
          .append(isUnsafe(report, id) ? " --unsafe-fixes" : "")
          .append(" --write`.\n");
      b.append(
          "\nVerified: the files were parsed again and compared value by value after the edits, and"
              + " still validate against the compose-spec schema if they did.\n");
      if (isUnsafe(report, id)) {
        b.append("\nCaveat: ").append(inline(caveat(id))).append('\n');
      }
    }
    left(b, report, Map.of(id, c), id);
  }

  private void footer(StringBuilder b, Report report) {
    List<String> flags = new ArrayList<>();
    if (report.written()) {
      flags.add("`--write`");
    }
    if (report.unsafeFixes()) {
      flags.add("`--unsafe-fixes`");
    }
    b.append("\n---\n\n<sub>Generated by ")
        .append(Tool.NAME)
        .append(' ')
        .append(Tool.VERSION)
        .append(flags.isEmpty() ? "" : " with " + String.join(" and ", flags))
        .append(". ")
        .append(
            options.docsUrl() == null
                ? "`composefix explain RULE` prints a rule's documentation,"
                : "Each rule's page says why it matters,")
        .append(" including how to turn it off.</sub>\n");
  }

  /** The rule's reason in one sentence: the first of its doc's "Why" section. */
  public static String reason(String id) {
    String s = RuleDocs.sentence(id, "Why");
    return s.isEmpty() ? "see `composefix explain " + id + "`." : s;
  }

  private static String caveat(String id) {
    String why = RuleDocs.paragraph(id, "Fix safety");
    if (why.endsWith(":")) {
      // a paragraph that leads into a list: keep its sentences before the lead-in
      int dot = why.lastIndexOf(". ");
      why = dot < 0 ? "" : why.substring(0, dot + 1);
    }
    return why.isEmpty() ? "this fix can change runtime behaviour; test the services." : why;
  }

  private static boolean isUnsafe(Report report, String id) {
    return applicability(report, id) == Applicability.UNSAFE;
  }

  private static String safety(Report report, String id) {
    Applicability a = applicability(report, id);
    return a == null ? "" : a.label();
  }

  /** The applicability of a rule of the report (or of the registry), or null for an unknown id. */
  private static Applicability applicability(Report report, String id) {
    for (Rule r : report.rules()) {
      if (r.id().equals(id)) {
        return r.applicability();
      }
    }
    Rule r = Registry.byId(id);
    return r == null ? null : r.applicability();
  }

  /** A rule's name: a link to its doc when a docs URL is set, else a code span. */
  private String rule(String id) {
    String uri = Tool.docUri(options.docsUrl(), id);
    return uri == null ? code(id) : "[" + code(id) + "](" + uri + ")";
  }

  private static int[] plusMinus(String diff) {
    int plus = 0;
    int minus = 0;
    for (String l : diff.split("\n")) {
      if (l.startsWith("+") && !l.startsWith("+++ ")) {
        plus++;
      } else if (l.startsWith("-") && !l.startsWith("--- ")) {
        minus++;
      }
    }
    return new int[] {plus, minus};
  }

  /**
   * A code span: its text is shown as is (no entity is decoded inside backticks, so none is
   * written), with a fence longer than any run of backticks in it; a pipe is escaped, which GitHub
   * needs in tables and shows as a pipe.
   */
  static String code(String s) {
    String t = inline(s).replace("|", "\\|");
    int run = longestTicks(t);
    String ticks = "`".repeat(run + 1);
    return run == 0 && !t.startsWith(" ") && !t.endsWith(" ")
        ? ticks + t + ticks
        : ticks + " " + t + " " + ticks;
  }

  /** Text inside an HTML element (a details summary): escaped as HTML, shown in a code element. */
  static String html(String s) {
    return "<code>"
        + s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", " ")
            .replace("\n", " ")
        + "</code>";
  }

  /** Text for one line of markdown: no line breaks. */
  static String inline(String s) {
    return Controls.escape(s.replace("\r", " ").replace("\n", " "));
  }

  private static int longestTicks(String s) {
    int max = 0;
    Matcher m = TICKS.matcher(s);
    while (m.find()) {
      max = Math.max(max, m.group().length());
    }
    return max;
  }

  private static String count(int n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
