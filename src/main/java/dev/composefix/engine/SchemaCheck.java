package dev.composefix.engine;

import dev.composefix.schema.Schema;
import dev.composefix.schema.Values;
import dev.composefix.yaml.Document;
import java.util.List;

/**
 * The last self-check before a changed file is handed back: if the input validated against the
 * compose-spec schema, the result must too. The result is checked first, so a file whose fixes
 * keep it valid costs one validation; only when it fails are the input and then each rule's
 * intermediate result checked, to name the rule that broke it. A file too large to expand
 * (see {@link Values}) is not checked: it could not have been valid for a compose implementation.
 */
final class SchemaCheck {
  /** One rule's batch of edits and the document it produced. */
  record Step(String rule, Document after) { }

  private SchemaCheck() { }

  static void verify(Document before, List<Step> steps) throws SelfCheckException {
    if (steps.isEmpty() || error(steps.get(steps.size() - 1).after()) == null || error(before) != null) {
      return;
    }
    for (Step s : steps) {
      String err = error(s.after());
      if (err != null) {
        throw new SelfCheckException(s.rule(),
            "its fix made the file invalid against the compose-spec schema (" + err + ")");
      }
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
