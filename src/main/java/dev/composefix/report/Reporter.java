package dev.composefix.report;

import java.util.List;

/** Renders a whole run as one document for stdout, in one of the --format formats. */
public interface Reporter {
  /** The formats other than diff, which the command line writes itself as it goes. */
  List<String> FORMATS = List.of("json", "sarif", "markdown", "github");

  String render(Report report);

  /**
   * Settings of the reports that are not findings: where the rule docs are published (null:
   * nowhere, so no report links to them) and whether the markdown report has one section per rule.
   */
  record Options(String docsUrl, boolean groupByRule) {
    public static final Options NONE = new Options(null, false);
  }

  /** The reporter for a --format name other than diff with these options, or null. */
  static Reporter forFormat(String format, Options options) {
    return switch (format) {
      case "json" -> new JsonReporter();
      case "sarif" -> new SarifReporter(options.docsUrl());
      case "markdown" -> new MarkdownReporter(options);
      case "github" -> new GithubReporter();
      default -> null;
    };
  }
}
