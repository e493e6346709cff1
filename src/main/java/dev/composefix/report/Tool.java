package dev.composefix.report;

/** What the reports say about the tool itself. */
public final class Tool {
  public static final String NAME = "composefix";

  /** Kept equal to the version that {@code composefix --version} prints (a test checks it). */
  public static final String VERSION = "0.1.0";

  /**
   * The environment variable that gives the docs base URL when neither --docs-url nor docs-url
   * does.
   */
  public static final String DOCS_URL_ENV = "COMPOSEFIX_DOCS_URL";

  private Tool() {}

  /** Where a rule's documentation lives inside the project. */
  public static String docPath(String ruleId) {
    return "docs/rules/" + ruleId + ".md";
  }

  /**
   * Where a rule's documentation is published under a docs base URL, or null when there is none:
   * the base with {@code {rule}} replaced by the id, or else the base, a slash, the id and {@code
   * .md} (so the docs/rules directory of the repository on GitHub works as a base).
   */
  public static String docUri(String docsUrl, String ruleId) {
    if (docsUrl == null || docsUrl.isBlank()) {
      return null;
    }
    if (docsUrl.contains("{rule}")) {
      return docsUrl.replace("{rule}", ruleId);
    }
    return (docsUrl.endsWith("/") ? docsUrl : docsUrl + "/") + ruleId + ".md";
  }
}
