package dev.composefix.rule;

import dev.composefix.yaml.Controls;
import dev.composefix.yaml.Edit;
import java.util.List;
import java.util.Optional;

/**
 * What a rule found at a place in a file, and the fix that would mend it, if there is one (as
 * Ruff's {@code Diagnostic} and {@code Fix}).
 */
public record Finding(
    String rule, int line, int column, String message, String service, Optional<Fix> fix) {

  /**
   * How a finding is fixed: what the fix does in a few words ({@code title}, as Ruff's fix title;
   * null from a rule that gives none), when it may be applied, and its edits (never empty).
   */
  public record Fix(String title, Applicability applicability, List<Edit> edits) {
    public Fix {
      edits = List.copyOf(edits);
    }
  }

  /** A message quotes the file (an image reference, a key): its control characters are escaped. */
  public Finding {
    message = Controls.escape(message);
    fix = fix == null ? Optional.empty() : fix;
  }

  /** The fix's applicability; {@link Applicability#DISPLAY_ONLY} for a finding without a fix. */
  public Applicability applicability() {
    return fix.map(Fix::applicability).orElse(Applicability.DISPLAY_ONLY);
  }

  /** The fix's edits; empty for a finding without a fix. */
  public List<Edit> edits() {
    return fix.map(Fix::edits).orElse(List.of());
  }

  public boolean fixable() {
    return !edits().isEmpty() && applicability() != Applicability.DISPLAY_ONLY;
  }

  /** The same finding whose fix makes these edits instead (its title and applicability kept). */
  public Finding withEdits(List<Edit> edits) {
    Fix f = fix.orElseThrow();
    return new Finding(
        rule,
        line,
        column,
        message,
        service,
        Optional.of(new Fix(f.title(), f.applicability(), edits)));
  }

  public Finding withoutFix(String why) {
    return new Finding(rule, line, column, message + " (" + why + ")", service, Optional.empty());
  }
}
