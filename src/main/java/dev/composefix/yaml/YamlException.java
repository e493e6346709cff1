package dev.composefix.yaml;

/** An input that cannot be read as the YAML we accept, with a 1-based position when known. */
public final class YamlException extends Exception {
  public final int line;
  public final int column;

  public YamlException(String message, int line, int column) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
  }

  public YamlException(String message) {
    this(message, 0, 0);
  }
}
