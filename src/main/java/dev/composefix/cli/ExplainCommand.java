package dev.composefix.cli;

import dev.composefix.report.RuleDocs;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code composefix explain RULE}: the rule's documentation, the same file as docs/rules/RULE.md.
 */
@Command(
    name = "explain",
    description = "Print a rule's documentation.",
    mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Parameters(paramLabel = "RULE_ID")
  String id;

  /** The rule's doc, packaged from docs/rules/ into the jar, or null. */
  static String doc(String id) {
    return RuleDocs.doc(id);
  }

  @Override
  public Integer call() {
    String text = Registry.byId(id) == null ? null : doc(id);
    if (text == null) {
      String near = nearest(id);
      parent.err.println(
          "composefix: unknown rule '"
              + id
              + "'"
              + (near == null ? "" : "; did you mean '" + near + "'?")
              + " (composefix rules lists them)");
      return ExitCode.INPUT_ERROR.code;
    }
    parent.out.print(text);
    return 0;
  }

  /**
   * A rule whose id contains the typed text, or is contained in it ("restart" gives
   * restart-policy).
   */
  static String nearest(String typed) {
    String t = typed.toLowerCase(Locale.ROOT).replace('_', '-');
    for (Rule r : Registry.all()) {
      if (t.length() >= 3 && (r.id().contains(t) || t.contains(r.id()))) {
        return r.id();
      }
    }
    return null;
  }
}
