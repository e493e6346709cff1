package dev.composefix.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composefix.rule.Finding;

/**
 * {@code --format json}: one object for the run, one per file with its findings and its diff. The
 * schema is docs/composefix-report.schema.json; {@link #VERSION} changes only when a field changes
 * meaning or goes away (new fields may appear in the same version).
 */
public final class JsonReporter implements Reporter {
  public static final int VERSION = 1;

  @Override
  public String render(Report report) {
    ObjectNode root = Json.object();
    root.put("version", VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", Tool.NAME);
    tool.put("version", Tool.VERSION);
    root.put("mode", report.written() ? "write" : "dry-run");
    root.put("unsafeFixes", report.unsafeFixes());
    ArrayNode files = root.putArray("files");
    for (Report.FileReport f : report.files()) {
      ObjectNode o = files.addObject();
      o.put("path", f.path());
      if (f.error() != null) {
        o.put("status", "error");
        o.put("error", f.error());
        o.put("diff", "");
        o.putArray("findings");
        o.putArray("suppressed");
        continue;
      }
      o.put("status", !f.changed() ? "unchanged" : report.written() ? "written" : "would-change");
      o.put("diff", f.diff());
      ArrayNode fs = o.putArray("findings");
      for (Report.Item i : f.items()) {
        Finding x = i.finding();
        ObjectNode j = fs.addObject();
        j.put("rule", x.rule());
        j.put("safety", x.applicability().label());
        place(j, x, i.line(), i.column());
        j.put("fixed", i.fixed());
        j.put("fixableWithUnsafeFixes", i.unsafeFixLeft());
      }
      ArrayNode qs = o.putArray("suppressed");
      for (Report.Quiet q : f.suppressed()) {
        Finding x = q.finding();
        ObjectNode j = qs.addObject();
        j.put("rule", x.rule());
        place(j, x, q.line(), q.column());
        j.put("kind", q.suppressed().inSource() ? "inSource" : "external");
        if (q.suppressed().reason() == null) {
          j.putNull("reason");
        } else {
          j.put("reason", q.suppressed().reason());
        }
      }
    }
    ObjectNode sum = root.putObject("summary");
    sum.put("files", report.files().size());
    sum.put("changed", report.changedCount());
    sum.put("fixed", report.fixedCount());
    sum.put("left", report.leftCount());
    sum.put("suppressed", report.files().stream().mapToInt(f -> f.suppressed().size()).sum());
    sum.put("errors", report.errorCount());
    return Json.write(root);
  }

  /** A finding's line, column, service (null for the file as a whole) and message. */
  private static void place(ObjectNode j, Finding x, int line, int column) {
    j.put("line", line);
    j.put("column", column);
    if (x.service() == null) {
      j.putNull("service");
    } else {
      j.put("service", x.service());
    }
    j.put("message", x.message());
  }
}
