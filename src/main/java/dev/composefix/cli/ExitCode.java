package dev.composefix.cli;

/** The exit codes of the contract. */
public enum ExitCode {
  /** Nothing to change and no finding left. */
  OK(0),
  /** Changes pending (dry-run) or findings left unfixed. */
  FINDINGS(1),
  /** Usage error, or an input that cannot be processed. */
  INPUT_ERROR(2),
  /** The tool's self-check refused its own result. */
  INTERNAL_ERROR(3);

  public final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The more serious of two outcomes. */
  public ExitCode worst(ExitCode o) {
    return o.code > code ? o : this;
  }
}
