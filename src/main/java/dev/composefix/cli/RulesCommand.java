package dev.composefix.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.composefix.report.Tool;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code composefix rules}: every rule in the order they run, with its safety, whether it is on by
 * default, and its summary; {@code --format json} gives the same as an array of objects (id,
 * safety, default, summary, doc).
 */
@Command(
    name = "rules",
    description = "List every rule: id, safety, default, summary.",
    mixinStandardHelpOptions = true)
final class RulesCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  String format;

  @Override
  public Integer call() throws JsonProcessingException {
    List<Rule> rules = Registry.all();
    if (format.equals("json")) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Rule r : rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("safety", r.applicability().label());
        m.put("default", r.enabledByDefault());
        m.put("summary", r.summary());
        m.put("doc", Tool.docPath(r.id()));
        out.add(m);
      }
      String json =
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
      parent.out.print(json.replace("\r\n", "\n") + "\n");
      return 0;
    }
    if (!format.equals("text")) {
      parent.err.println("composefix: unknown --format '" + format + "' for rules (text or json)");
      return ExitCode.INPUT_ERROR.code;
    }
    int width = "ID".length();
    for (Rule r : rules) {
      width = Math.max(width, r.id().length());
    }
    String row = "%-" + width + "s  %-11s  %-7s  %s%n";
    parent.out.printf(row, "ID", "SAFETY", "DEFAULT", "SUMMARY");
    for (Rule r : rules) {
      parent.out.printf(
          row, r.id(), r.applicability().label(), r.enabledByDefault() ? "on" : "off", r.summary());
    }
    return 0;
  }
}
