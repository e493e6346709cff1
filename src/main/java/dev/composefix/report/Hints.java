package dev.composefix.report;

import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Small texts shared by the formats. */
final class Hints {
  private Hints() {}

  /** The finding's message with what would fix it, as the stderr lines say it. */
  static String message(Report.Item i, boolean written) {
    Finding f = i.finding();
    if (i.fixed()) {
      return f.message() + (written ? " (fixed)" : " (composefix --write fixes this)");
    }
    return f.message() + (i.unsafeFixLeft() ? " (" + Applicability.UNSAFE_HINT + ")" : "");
  }

  /** A report path as a URI reference: relative paths stay relative, percent-encoded. */
  static String uri(String path) {
    if (path.startsWith("/")) {
      return Path.of(path).toUri().toString();
    }
    String p =
        path.indexOf(':') >= 0
                && path.indexOf(':') < (path.indexOf('/') < 0 ? path.length() : path.indexOf('/'))
            ? "./" + path
            : path;
    try {
      return new URI(null, null, p, null).toASCIIString();
    } catch (URISyntaxException e) {
      return p;
    }
  }
}
