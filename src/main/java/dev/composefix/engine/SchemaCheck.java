package dev.composefix.engine;

import dev.composefix.schema.Schema;
import dev.composefix.schema.Values;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Splicer;
import dev.composefix.yaml.YamlException;
import java.util.List;

/**
 * The last self-check before a changed file is handed back: if the input validated against the
 * compose-spec schema, the result must too. The result is checked first, so a file whose fixes keep
 * it valid costs one validation; only when it fails are the input and then each pass's intermediate
 * result checked, and within the first pass that broke it each rule's share alone, to name the
 * rule. A file too large to expand (see {@link Values}) is not checked: it could not have been
 * valid for a compose implementation.
 */
final class SchemaCheck {
  /** One pass's batch of edits, the document it was applied to and the document it produced. */
  record Step(Document before, List<Engine.Part> parts, Document after) {}

  private SchemaCheck() {}

  static void verify(Document original, List<Step> steps) throws SelfCheckException {
    if (steps.isEmpty()
        || error(steps.get(steps.size() - 1).after()) == null
        || error(original) != null) {
      return;
    }
    for (Step s : steps) {
      String err = error(s.after());
      if (err == null) {
        continue;
      }
      if (s.parts().size() > 1) {
        for (Engine.Part p : s.parts()) {
          String alone = error(s.before(), p);
          if (alone != null) {
            throw invalid(p.rule(), alone);
          }
        }
      }
      throw invalid(String.join(" and ", s.parts().stream().map(Engine.Part::rule).toList()), err);
    }
  }

  private static SelfCheckException invalid(String rule, String err) {
    return new SelfCheckException(
        rule, "its fix made the file invalid against the compose-spec schema (" + err + ")");
  }

  /** The schema error of one rule's share of a batch applied alone, or null. */
  private static String error(Document before, Engine.Part part) {
    try {
      return error(Document.parse(Splicer.apply(before.text, part.edits())));
    } catch (YamlException e) {
      return null; // the batch parsed, so a share alone that does not is not the one to name
    }
  }

  /** The first schema violation, "not checked" when the file cannot be expanded, or null. */
  static String error(Document doc) {
    Object value;
    try {
      value = Values.of(doc.root);
    } catch (Values.TooLarge e) {
      return "not checked: " + e.getMessage();
    }
    return Schema.compose().firstError(value);
  }
}
