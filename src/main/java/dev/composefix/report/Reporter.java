package dev.composefix.report;

import java.util.List;

/** Renders a whole run as one document for stdout, in one of the --format formats. */
public interface Reporter {
  /** The formats other than diff, which the command line writes itself as it goes. */
  List<String> FORMATS = List.of("json", "sarif", "markdown", "github");

  String render(Report report);

  /** The reporter for a --format name other than diff, or null. */
  static Reporter forFormat(String format) {
    return switch (format) {
      case "json" -> new JsonReporter();
      case "sarif" -> new SarifReporter();
      case "markdown" -> new MarkdownReporter();
      case "github" -> new GithubReporter();
      default -> null;
    };
  }
}
