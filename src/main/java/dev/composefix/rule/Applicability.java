package dev.composefix.rule;

/** How far a rule's fixes may be trusted (after Ruff's fix applicability). */
public enum Applicability {
  /** Keeps the app's behaviour; applied by default. */
  SAFE,
  /** Can change runtime behaviour; applied only with --unsafe-fixes. */
  UNSAFE,
  /** No automatic fix; the finding says what to do. */
  DISPLAY_ONLY;

  public String label() {
    return switch (this) {
      case SAFE -> "safe";
      case UNSAFE -> "unsafe";
      case DISPLAY_ONLY -> "report-only";
    };
  }
}
