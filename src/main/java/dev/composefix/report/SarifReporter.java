package dev.composefix.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import dev.composefix.yaml.Edit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format sarif}: SARIF 2.1.0 as GitHub code scanning takes it. One run; the rules that ran
 * with their docs as help; one result per finding, placed in the file as it is on disk after the
 * run. In a dry run the fixed findings are results too (the file still has them) and carry the fix:
 * the file's changes, computed from the line diff of its text before and after, are split into
 * replacements (deletedRegion by character offset and length, insertedContent), each attached to
 * the fixed finding whose inserted text it contains (or else the nearest one above it). Applying
 * every replacement of a file gives exactly the text that --write writes. After --write, only the
 * findings left are results.
 */
public final class SarifReporter implements Reporter {
  /** The docs base URL for helpUri, or null (then no helpUri). */
  private final String docsUrl;

  public SarifReporter(String docsUrl) {
    this.docsUrl = docsUrl;
  }

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  @Override
  public String render(Report report) {
    ObjectNode root = Json.object();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", Tool.NAME);
    driver.put("version", Tool.VERSION);
    driver.put("semanticVersion", Tool.VERSION);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (Rule r : report.rules()) {
      ruleIndex.put(r.id(), ruleIndex.size());
      rules.add(rule(r));
    }
    ObjectNode inv = run.putArray("invocations").addObject();
    inv.put("executionSuccessful", report.errorCount() == 0);
    ArrayNode notes = Json.array();
    ArrayNode artifacts = Json.array();
    ArrayNode results = Json.array();
    for (Report.FileReport f : report.files()) {
      int artifact = artifacts.size();
      ObjectNode a = artifacts.addObject();
      location(a.putObject("location"), f.path(), -1);
      if (f.error() != null) {
        ObjectNode n = notes.addObject();
        n.put("level", "error");
        n.putObject("message").put("text", f.error());
        location(
            n.putArray("locations")
                .addObject()
                .putObject("physicalLocation")
                .putObject("artifactLocation"),
            f.path(),
            artifact);
        continue;
      }
      Map<Report.Item, List<ObjectNode>> fixes = report.written() ? Map.of() : replacements(f);
      for (Report.Item i : f.items()) {
        if (i.fixed() && report.written()) {
          continue;
        }
        Finding x = i.finding();
        ObjectNode res =
            result(
                results,
                ruleIndex,
                x,
                Hints.message(i, report.written()),
                f.path(),
                artifact,
                i.lineNow(),
                i.columnNow(),
                i.fixed());
        List<ObjectNode> reps = fixes.get(i);
        if (reps != null && !reps.isEmpty()) {
          ObjectNode fix = res.putArray("fixes").addObject();
          fix.putObject("description").put("text", description(x));
          ObjectNode change = fix.putArray("artifactChanges").addObject();
          location(change.putObject("artifactLocation"), f.path(), artifact);
          change.putArray("replacements").addAll(reps);
        }
      }
      for (Report.Quiet q : f.suppressed()) {
        Finding x = q.finding();
        ObjectNode res =
            result(
                results,
                ruleIndex,
                x,
                x.message(),
                f.path(),
                artifact,
                q.lineNow(),
                q.columnNow(),
                false);
        ObjectNode sup = res.putArray("suppressions").addObject();
        sup.put("kind", q.suppressed().inSource() ? "inSource" : "external");
        if (q.suppressed().reason() != null) {
          sup.put("justification", q.suppressed().reason());
        }
      }
    }
    inv.set("toolExecutionNotifications", notes);
    run.set("artifacts", artifacts);
    run.set("results", results);
    run.put("columnKind", "utf16CodeUnits");
    return Json.write(root);
  }

  private ObjectNode rule(Rule r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("name", name(r.id()));
    o.putObject("shortDescription").put("text", r.summary());
    String what = RuleDocs.paragraph(r.id(), "What it does");
    o.putObject("fullDescription").put("text", what.isEmpty() ? r.summary() : what);
    String doc = RuleDocs.doc(r.id());
    ObjectNode help = o.putObject("help");
    help.put("text", doc == null ? r.summary() : doc);
    if (doc != null) {
      help.put("markdown", doc);
    }
    String uri = Tool.docUri(docsUrl, r.id());
    if (uri != null) {
      o.put("helpUri", uri);
    }
    o.putObject("defaultConfiguration")
        .put("level", "warning")
        .put("enabled", r.enabledByDefault());
    ObjectNode props = o.putObject("properties");
    props.putArray("tags").add("docker-compose").add("hardening").add(r.applicability().label());
    props.put("safety", r.applicability().label());
    return o;
  }

  /** restart-policy -> RestartPolicy, as SARIF's rule names go. */
  private static String name(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** One result: rule, message, where, and the finding's safety, fixed flag and service. */
  private static ObjectNode result(
      ArrayNode results,
      Map<String, Integer> ruleIndex,
      Finding x,
      String message,
      String path,
      int artifact,
      int line,
      int column,
      boolean fixed) {
    ObjectNode res = results.addObject();
    res.put("ruleId", x.rule());
    Integer idx = ruleIndex.get(x.rule());
    if (idx != null) {
      res.put("ruleIndex", idx);
    }
    res.put("level", "warning");
    res.putObject("message").put("text", message);
    ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
    location(phys.putObject("artifactLocation"), path, artifact);
    ObjectNode region = phys.putObject("region");
    region.put("startLine", Math.max(1, line));
    region.put("startColumn", Math.max(1, column));
    ObjectNode props = res.putObject("properties");
    props.put("safety", x.applicability().label());
    props.put("fixed", fixed);
    if (x.service() != null) {
      props.put("service", x.service());
    }
    return res;
  }

  private static void location(ObjectNode artifactLocation, String path, int index) {
    String uri = Hints.uri(path);
    artifactLocation.put("uri", uri);
    if (!uri.startsWith("file:")) {
      artifactLocation.put("uriBaseId", SRCROOT);
    }
    if (index >= 0) {
      artifactLocation.put("index", index);
    }
  }

  /** The file's change as replacements, each given to one fixed finding (see the class comment). */
  static Map<Report.Item, List<ObjectNode>> replacements(Report.FileReport f) {
    Map<Report.Item, List<ObjectNode>> out = new LinkedHashMap<>();
    if (!f.changed()) {
      return out;
    }
    List<Report.Item> fixed = f.items().stream().filter(Report.Item::fixed).toList();
    if (fixed.isEmpty()) {
      return out;
    }
    List<String> a = UnifiedDiff.lines(f.result().before());
    List<String> b = UnifiedDiff.lines(f.result().after());
    int[] offsets = new int[a.size() + 1];
    for (int k = 0; k < a.size(); k++) {
      offsets[k + 1] = offsets[k] + a.get(k).length();
    }
    for (LineDiff.Delta d : LineDiff.diff(a, b)) {
      int s = d.aPos();
      int e = s + d.aLen();
      String inserted = String.join("", b.subList(d.bPos(), d.bPos() + d.bLen()));
      ObjectNode rep = Json.object();
      rep.putObject("deletedRegion")
          .put("charOffset", offsets[s])
          .put("charLength", offsets[e] - offsets[s]);
      if (!inserted.isEmpty()) {
        rep.putObject("insertedContent").put("text", inserted);
      }
      out.computeIfAbsent(owner(fixed, s + 1, inserted), k -> new ArrayList<>()).add(rep);
    }
    return out;
  }

  private static Report.Item owner(List<Report.Item> fixed, int line, String inserted) {
    for (Report.Item i : fixed) {
      for (Edit e : i.finding().edits()) {
        String t = e.text().strip();
        if (inserted.isEmpty()
            ? t.isEmpty()
            : !t.isEmpty() && inserted.contains(t.lines().findFirst().orElse(t).strip())) {
          return i;
        }
      }
    }
    Report.Item best = null;
    for (Report.Item i : fixed) {
      if (i.line() <= line && (best == null || i.line() >= best.line())) {
        best = i;
      }
    }
    return best == null ? fixed.get(0) : best;
  }

  /**
   * What a fix does, for a viewer that offers it: the fix's title ("Add `restart:
   * unless-stopped`"), else the rule and the service.
   */
  private static String description(Finding x) {
    String title = x.fix().map(Finding.Fix::title).orElse(null);
    return title != null
        ? title
        : "composefix: " + x.rule() + (x.service() == null ? "" : " (service " + x.service() + ")");
  }
}
