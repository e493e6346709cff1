package dev.composefix.rule;

import dev.composefix.yaml.Edit;
import java.util.List;

/**
 * What a rule found at a place in a file, and the edits that would fix it (empty for a finding
 * without a fix).
 */
public record Finding(String rule, int line, int column, String message, String service,
                      Applicability applicability, List<Edit> edits) {

  /** A message quotes the file (an image reference, a key): its control characters are escaped. */
  public Finding {
    message = dev.composefix.yaml.Controls.escape(message);
  }

  public boolean fixable() {
    return !edits.isEmpty() && applicability != Applicability.DISPLAY_ONLY;
  }

  public Finding withoutFix(String why) {
    return new Finding(rule, line, column, message + " (" + why + ")", service, Applicability.DISPLAY_ONLY, List.of());
  }
}
