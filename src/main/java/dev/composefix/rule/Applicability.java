package dev.composefix.rule;

/** How far a rule's fixes may be trusted (after Ruff's fix applicability). */
public enum Applicability {
  /** Keeps the app's behaviour; applied by default. */
  SAFE,
  /** Can change runtime behaviour; applied only with --unsafe-fixes. */
  UNSAFE,
  /** No automatic fix; the finding says what to do. */
  DISPLAY_ONLY;

  /** What a finding whose unsafe fix was not applied says, in every format. */
  public static final String UNSAFE_HINT = "fix with --unsafe-fixes";

  public String label() {
    return switch (this) {
      case SAFE -> "safe";
      case UNSAFE -> "unsafe";
      case DISPLAY_ONLY -> "report-only";
    };
  }
}
