package dev.composefix.cli;

import dev.composefix.rule.Registry;
import dev.composefix.rule.Rule;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code composefix rules}: every rule with its safety, default and summary. */
@Command(name = "rules", description = "List every rule: id, safety, default, summary.", mixinStandardHelpOptions = true)
final class RulesCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  String format;

  @Override
  public Integer call() {
    if (format.equals("json")) {
      StringBuilder b = new StringBuilder("[\n");
      for (int i = 0; i < Registry.all().size(); i++) {
        Rule r = Registry.all().get(i);
        b.append("  {\"id\": \"").append(r.id()).append("\", \"safety\": \"").append(r.applicability().label())
            .append("\", \"default\": ").append(r.enabledByDefault()).append(", \"summary\": \"")
            .append(r.summary().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}")
            .append(i + 1 < Registry.all().size() ? ",\n" : "\n");
      }
      parent.out.print(b.append("]\n"));
      return 0;
    }
    if (!format.equals("text")) {
      parent.err.println("composefix: unknown --format '" + format + "' for rules (text or json)");
      return ExitCode.INPUT_ERROR.code;
    }
    for (Rule r : Registry.all()) {
      parent.out.printf("%-24s %-12s %-4s %s%n", r.id(), r.applicability().label(), r.enabledByDefault() ? "on" : "off",
          r.summary());
    }
    return 0;
  }
}
