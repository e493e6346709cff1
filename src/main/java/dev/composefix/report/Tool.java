package dev.composefix.report;

/** What the reports say about the tool itself. */
public final class Tool {
  public static final String NAME = "composefix";
  /** Kept equal to the version that {@code composefix --version} prints (a test checks it). */
  public static final String VERSION = "0.1.0";
  /** The project's home page; the rule docs live under {@link #docUri}. */
  public static final String HOME = "https://github.com/composefix/composefix";

  private Tool() { }

  /** Where a rule's documentation (docs/rules/ID.md) is published. */
  public static String docUri(String ruleId) {
    return HOME + "/blob/main/docs/rules/" + ruleId + ".md";
  }
}
