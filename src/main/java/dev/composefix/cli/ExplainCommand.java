package dev.composefix.cli;

import dev.composefix.rule.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code composefix explain RULE}: the rule's documentation, the same file as docs/rules/RULE.md. */
@Command(name = "explain", description = "Print a rule's documentation.", mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Parameters(paramLabel = "RULE_ID")
  String id;

  /** The rule's doc, packaged from docs/rules/ into the jar, or null. */
  static String doc(String id) throws IOException {
    try (InputStream in = ExplainCommand.class.getResourceAsStream("/docs/rules/" + id + ".md")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public Integer call() throws IOException {
    String text = Registry.byId(id) == null ? null : doc(id);
    if (text == null) {
      parent.err.println("composefix: unknown rule '" + id + "' (composefix rules lists them)");
      return ExitCode.INPUT_ERROR.code;
    }
    parent.out.print(text);
    return 0;
  }
}
