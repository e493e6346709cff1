package dev.composefix.engine;

/** The tool refused its own result: a fix broke the file or changed something outside its route. */
public final class SelfCheckException extends Exception {
  public final String rule;

  public SelfCheckException(String rule, String message) {
    super(message, null, false, false);
    this.rule = rule;
  }
}
