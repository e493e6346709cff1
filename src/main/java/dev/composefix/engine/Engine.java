package dev.composefix.engine;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.ComposePolicy;
import dev.composefix.compose.Project;
import dev.composefix.compose.Purpose;
import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Hoist;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.Splicer;
import dev.composefix.yaml.Verify;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs rules over a file to a fixpoint. In each pass every rule checks the file as the pass found
 * it; the fixes of all rules are applied together as one batch of text edits, the result is parsed
 * again and compared with the text before, value by value, outside the routes the fixes name. A
 * pass that changes nothing ends the loop.
 */
public final class Engine {
  public static final int MAX_PASSES = 16;

  private final List<Rule> rules;
  private final boolean unsafeFixes;
  private final Config config;

  public Engine(List<Rule> rules, boolean unsafeFixes) {
    this(rules, unsafeFixes, Config.NONE);
  }

  /**
   * With a configuration: its per-service ignores suppress findings, its knowledge reaches the
   * rules.
   */
  public Engine(List<Rule> rules, boolean unsafeFixes, Config config) {
    this.rules = List.copyOf(rules);
    this.unsafeFixes = unsafeFixes;
    this.config = config == null ? Config.NONE : config;
  }

  public FileResult run(String name, String text) throws YamlException, SelfCheckException {
    return run(name, null, text);
  }

  /** Runs the rules over one file's text; {@code path} is where it lives on disk, or null. */
  public FileResult run(String name, Path path, String text)
      throws YamlException, SelfCheckException {
    return run(name, path, text, null);
  }

  /**
   * As {@link #run(String, java.nio.file.Path, String)}, for a file that is part of a multi-file
   * project (member may be null): rules read its services merged with the project's other files.
   */
  public FileResult run(String name, Path path, String text, Project.Member member)
      throws YamlException, SelfCheckException {
    ComposeFile cf = ComposeFile.of(Document.parse(text), name, path, member);
    Document original = cf.doc;
    // what the file is for depends on its name, place and configuration only: once per run
    Purpose purpose = Purpose.of(name, path, config);
    List<SchemaCheck.Step> steps = new ArrayList<>();
    List<Finding> fixed = new ArrayList<>();
    List<String> warnings = null;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean changed = false;
      // each rule's open and suppressed findings, in rule order whichever order the rules ran in
      List<List<Finding>> remainingByRule =
          new ArrayList<>(Collections.nCopies(rules.size(), List.of()));
      List<List<Suppressed>> suppressedByRule =
          new ArrayList<>(Collections.nCopies(rules.size(), List.of()));
      Patcher patcher = new Patcher(cf.doc, original, ComposePolicy.INSTANCE);
      Suppressions sup = Suppressions.of(cf, config);
      if (warnings == null) {
        warnings = List.copyOf(sup.warnings);
      }
      // Every rule checks the file as the pass found it; their fixes go in one batch, applied,
      // parsed again and compared once per pass. A rule whose edits touch a key an earlier rule of
      // the batch touches (or that reads what one writes) sees the result in the next pass.
      List<Part> batch = new ArrayList<>();
      List<Edit> batchEdits = new ArrayList<>();
      Set<String> touched = new HashSet<>();
      // The rules that can fix something in this run go first. The others (report-only, and unsafe
      // ones without --unsafe-fixes) only report, and a pass that changes the file is followed by
      // another whose findings are the ones kept: they run in the last pass only.
      for (int round = 0; round < 2 && (round == 0 || batch.isEmpty()); round++) {
        for (int r = 0; r < rules.size(); r++) {
          Rule rule = rules.get(r);
          if (fixes(rule) != (round == 0)) {
            continue;
          }
          RuleContext ctx = new RuleContext(rule, cf, patcher, config, purpose);
          try {
            rule.check(ctx);
          } catch (RuntimeException e) {
            throw new SelfCheckException(rule.id(), "rule failed: " + e);
          }
          List<Finding> remaining = new ArrayList<>();
          List<Suppressed> suppressed = new ArrayList<>();
          remainingByRule.set(r, remaining);
          suppressedByRule.set(r, suppressed);
          List<Finding> wanted = sort(ctx.findings(), sup, remaining, suppressed);
          inherited(cf, wanted);
          if (wanted.isEmpty()) {
            continue;
          }
          Guard guard = new Guard(cf, wanted, patcher);
          List<Edit> edits = Splicer.compatible(guard.edits());
          if (!edits.isEmpty() && clashes(edits, batchEdits, touched)) {
            continue;
          }
          remaining.addAll(guard.refused);
          if (edits.isEmpty()) {
            continue;
          }
          batch.add(new Part(rule.id(), edits, guard));
          batchEdits.addAll(edits);
          for (Edit e : edits) {
            touched.add(routeKey(e.route()));
          }
        }
      }
      if (!batch.isEmpty()) {
        ComposeFile next = applyBatch(cf, batch, batchEdits, fixed, name, path, member);
        steps.add(new SchemaCheck.Step(cf.doc, batch, next.doc));
        cf = next;
        changed = true;
      }
      if (!changed) {
        SchemaCheck.verify(original, steps);
        return result(name, text, cf, fixed, remainingByRule, suppressedByRule, warnings);
      }
    }
    throw new SelfCheckException(null, "fixes did not settle after " + MAX_PASSES + " passes");
  }

  /**
   * Applies a pass's batch, adds to {@code fixed} the findings whose edits all went in, and returns
   * the file parsed again (and checked).
   */
  private ComposeFile applyBatch(
      ComposeFile cf,
      List<Part> batch,
      List<Edit> batchEdits,
      List<Finding> fixed,
      String name,
      Path path,
      Project.Member member)
      throws YamlException, SelfCheckException {
    // insertions at one offset: the deeper first (they continue the block that ends there,
    // as if applied one after the other), then in the order the rules came
    batchEdits.sort(
        Comparator.comparingInt(Edit::start)
            .thenComparingInt(e -> e.start() == e.end() ? -indent(e.text()) : 0));
    ComposeFile next = apply(cf, batch, batchEdits, name, path, member);
    Set<String> applied = new HashSet<>();
    for (Edit e : batchEdits) {
      applied.add(spliceKey(e));
    }
    for (Part part : batch) {
      for (Finding f : part.guard.accepted) {
        if (f.edits().stream().allMatch(e -> applied.contains(spliceKey(e)))) {
          fixed.add(f);
        }
      }
      fixed.addAll(part.guard.hoistedAway);
    }
    return next;
  }

  /**
   * The file's result once a pass changes nothing: its open and suppressed findings in rule order.
   */
  private static FileResult result(
      String name,
      String text,
      ComposeFile cf,
      List<Finding> fixed,
      List<List<Finding>> remainingByRule,
      List<List<Suppressed>> suppressedByRule,
      List<String> warnings) {
    List<Finding> remaining = new ArrayList<>();
    remainingByRule.forEach(remaining::addAll);
    List<Suppressed> suppressed = new ArrayList<>();
    suppressedByRule.forEach(suppressed::addAll);
    return new FileResult(name, text, cf.doc.text, fixed, remaining, suppressed, warnings);
  }

  /**
   * Drops the fixes of services that extend, in this file, a service that gets the same rule's fix
   * in this batch: they inherit it, and the next pass judges them again.
   */
  private static void inherited(ComposeFile cf, List<Finding> wanted) {
    Set<String> fixing = new HashSet<>();
    for (Finding f : wanted) {
      fixing.add(f.service());
    }
    wanted.removeIf(
        f -> {
          Service s = f.service() == null ? null : cf.service(f.service());
          return s != null && s.extendsHere().stream().anyMatch(fixing::contains);
        });
  }

  private static String spliceKey(Edit e) {
    return e.start() + ":" + e.end() + ":" + e.text();
  }

  /**
   * Sorts a rule's findings: the suppressed ones, the ones left open (with the reason a fix is
   * withheld, where there is one), and those whose fixes are wanted, which it returns.
   */
  private List<Finding> sort(
      List<Finding> found, Suppressions sup, List<Finding> remaining, List<Suppressed> suppressed) {
    List<Finding> wanted = new ArrayList<>();
    for (Finding f : found) {
      Suppressed s = sup.isEmpty() ? null : sup.match(f);
      if (s != null) {
        suppressed.add(s);
      } else if (!f.fixable() || (f.applicability() != Applicability.SAFE && !unsafeFixes)) {
        remaining.add(f);
      } else if (sup.touchesExtension(f)) {
        remaining.add(f.withoutFix("composefix never edits an x-composefix block"));
      } else {
        wanted.add(f);
      }
    }
    return wanted;
  }

  /**
   * Whether a rule's fixes are applied in this run (safe ones always, unsafe ones with
   * --unsafe-fixes).
   */
  private boolean fixes(Rule rule) {
    return rule.applicability() == Applicability.SAFE
        || (rule.applicability() == Applicability.UNSAFE && unsafeFixes);
  }

  /** One rule's share of a pass's batch: its edits and the judgement of its findings. */
  record Part(String rule, List<Edit> edits, Guard guard) {}

  /** The indentation of an inserted text's first line (after any line breaks it starts with). */
  private static int indent(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
      i++;
    }
    int from = i;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i - from;
  }

  /** A route as one string, for sets of routes. */
  private static String routeKey(List<String> route) {
    return String.join("\u0000", route);
  }

  /**
   * Whether a rule's edits must wait for the next pass: one overlaps a splice already in the batch,
   * or changes a key that an earlier rule of the batch changes, or one inside it or around it (two
   * rules adding the same key, or one rewriting a block another adds to, must see each other's
   * work).
   */
  private static boolean clashes(List<Edit> edits, List<Edit> batch, Set<String> touched) {
    if (batch.isEmpty()) {
      return false;
    }
    for (Edit e : edits) {
      List<String> r = e.route();
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i <= r.size(); i++) {
        if (touched.contains(prefix.toString())) {
          return true;
        }
        if (i < r.size()) {
          if (i > 0) {
            prefix.append('\u0000');
          }
          prefix.append(r.get(i));
        }
      }
    }
    Set<String> mine = new HashSet<>();
    for (Edit e : edits) {
      mine.add(routeKey(e.route()));
    }
    if (mine.contains("")) {
      return true;
    }
    for (String t : touched) {
      // a touched route inside one of these edits' routes
      for (int i = t.indexOf('\u0000'); i >= 0; i = t.indexOf('\u0000', i + 1)) {
        if (mine.contains(t.substring(0, i))) {
          return true;
        }
      }
    }
    return Splicer.anyClash(edits, batch);
  }

  /**
   * Applies a pass's batch, parses the result and compares it with the text before outside the
   * routes the edits name. When that fails, each rule's share is tried alone to name the culprit.
   */
  private static ComposeFile apply(
      ComposeFile cf,
      List<Part> batch,
      List<Edit> edits,
      String name,
      Path path,
      Project.Member member)
      throws SelfCheckException {
    try {
      return applyChecked(cf, edits, name, path, member);
    } catch (Broken whole) {
      if (batch.size() > 1) {
        for (Part part : batch) {
          try {
            applyChecked(cf, part.edits(), name, path, member);
          } catch (Broken alone) {
            throw new SelfCheckException(part.rule(), alone.getMessage());
          }
        }
      }
      throw new SelfCheckException(
          String.join(" and ", batch.stream().map(Part::rule).toList()), whole.getMessage());
    }
  }

  /** What a batch of edits did wrong. */
  private static final class Broken extends Exception {
    Broken(String message) {
      super(message, null, false, false);
    }
  }

  private static ComposeFile applyChecked(
      ComposeFile cf, List<Edit> edits, String name, Path path, Project.Member member)
      throws Broken {
    String after = Splicer.apply(cf.doc.text, edits);
    Document nd;
    try {
      nd = Document.parse(after);
      nd.inheritStyle(cf.doc);
    } catch (YamlException e) {
      throw new Broken(
          "its fix made the file invalid YAML at line " + e.line + ": " + e.getMessage());
    }
    List<List<String>> routes = new ArrayList<>();
    for (Edit e : edits) {
      routes.add(e.route());
    }
    String diff = new Verify(routes).withEdits(edits).firstDifference(cf.doc.root, nd.root);
    if (diff != null) {
      throw new Broken("its fix changed '" + diff + "', outside the keys it is allowed to touch");
    }
    try {
      return ComposeFile.of(nd, name, path, member);
    } catch (YamlException e) {
      throw new Broken("its fix made the file unreadable as compose: " + e.getMessage());
    }
  }

  /**
   * Never edit through an alias or inside an anchored block that other services share, unless every
   * service that reaches it wants the same edit. A key that every sharer of an anchored service
   * mapping would get is written once, in that mapping (hoisted), and not in each sharer; so is a
   * key that every service merging an {@code x-} block with {@code <<} would get (see mergeHoist).
   */
  private static final class Guard {
    final List<Finding> accepted = new ArrayList<>();
    final List<Finding> refused = new ArrayList<>();
    final Set<Finding> hoistedAway = Collections.newSetFromMap(new IdentityHashMap<>());

    Guard(ComposeFile cf, List<Finding> all, Patcher patcher) {
      all = mergeHoist(cf, all, patcher);
      // A finding accepted because another sharer wants the same edit must not stand when that
      // other finding is refused (for another of its edits): judge again without the refused ones.
      Set<Finding> out = Collections.newSetFromMap(new IdentityHashMap<>());
      List<Finding> pendingDrops;
      int refusedBefore;
      do {
        refusedBefore = out.size();
        List<Finding> wanted = new ArrayList<>(all);
        wanted.removeIf(out::contains);
        accepted.clear();
        pendingDrops = round(cf, wanted, out);
      } while (!accepted.isEmpty() && out.size() > refusedBefore);
      hoistedAway.addAll(pendingDrops);
      accepted.removeIf(hoistedAway::contains);
    }

    /**
     * One round of judging: fills accepted and refused (adding to out), returns the hoisted-away
     * findings.
     */
    private List<Finding> round(ComposeFile cf, List<Finding> wanted, Set<Finding> out) {
      Map<String, List<Finding>> byService = byService(wanted);
      // The verdict on one splice into one shared block does not depend on which sharer asks
      // (the asker always requests its own splice), so it is worked out once: with hundreds of
      // services merging one block, asking per finding would be quadratic.
      Map<Shared, Verdict> verdicts = new HashMap<>();
      List<Finding> pendingDrops = new ArrayList<>();
      for (Finding f : wanted) {
        List<Finding> drops = new ArrayList<>();
        String why = null;
        for (Edit e : f.edits()) {
          YNode shared = cf.doc.sharedAncestor(e.target());
          if (shared == null) {
            continue;
          }
          Verdict v =
              verdicts.computeIfAbsent(
                  new Shared(shared, e.start(), e.end(), e.text(), e.hoist()),
                  k -> verdict(cf, byService, shared, e));
          if (v.blocker != null) {
            why =
                "it would land in the block anchored as &"
                    + shared.anchor
                    + ", which service '"
                    + v.blocker
                    + "' shares; change it there by hand";
            break;
          }
          drops.addAll(v.drops);
        }
        if (why == null) {
          accepted.add(f);
          pendingDrops.addAll(drops);
        } else {
          refused.add(f.withoutFix(why));
          out.add(f);
        }
      }
      return pendingDrops;
    }

    /** One splice into one shared block. */
    private record Shared(YNode block, int start, int end, String text, Hoist hoist) {
      // written out (the same as a record's own, the block by identity): the generated ones are
      // slow until compiled, and a file with many services asks for each of their edits
      @Override
      public boolean equals(Object o) {
        return o instanceof Shared x
            && x.block == block
            && x.start == start
            && x.end == end
            && x.text.equals(text)
            && Objects.equals(x.hoist, hoist);
      }

      @Override
      public int hashCode() {
        return ((System.identityHashCode(block) * 31 + start) * 31 + end) * 31 + text.hashCode();
      }
    }

    /**
     * The first sharer that does not want the splice (or null), and the sharers' findings it makes
     * redundant.
     */
    private record Verdict(String blocker, List<Finding> drops) {}

    private static Verdict verdict(
        ComposeFile cf, Map<String, List<Finding>> byService, YNode shared, Edit e) {
      List<Finding> drops = new ArrayList<>();
      for (String owner : cf.servicesReaching(shared)) {
        List<Finding> theirs = byService.getOrDefault(owner, List.of());
        if (requested(theirs, e) || overrides(cf.service(owner), shared, e)) {
          continue;
        }
        if (e.hoist() != null) {
          String key = e.hoist().key();
          Service os = cf.service(owner);
          if (os != null && os.has(key)) {
            continue;
          }
          Finding same = hoistable(theirs, e.hoist());
          if (same != null) {
            drops.add(same);
            continue;
          }
        }
        return new Verdict(owner, List.of());
      }
      return new Verdict(null, drops);
    }

    /**
     * True when a service merges the shared block with {@code <<} but its own keys hide the part
     * the edit changes (e.g. it sets its own depends_on), so the edit does not reach it.
     */
    private static boolean overrides(Service o, YNode shared, Edit e) {
      if (o == null || o.own == null || o.own == shared || !mergesFrom(o.own, shared, 0)) {
        return false;
      }
      List<String> rel = new ArrayList<>();
      YNode n = e.target();
      for (YNode p = n.parent(); n != shared && p != null; n = p, p = p.parent()) {
        String step = null;
        if (p instanceof YNode.Mapping m) {
          for (YNode.Entry en : m.entries) {
            if (en.value() == n) {
              step = en.keyText();
            }
          }
        }
        if (step == null) {
          return false;
        }
        rel.add(0, step);
      }
      if (n != shared || rel.isEmpty()) {
        return false;
      }
      YNode cur = o.get(rel.get(0));
      for (int i = 1; i < rel.size() && cur instanceof YNode.Mapping m; i++) {
        cur = m.get(rel.get(i));
      }
      return cur != null && cur.resolve() != e.target().resolve();
    }

    private static boolean mergesFrom(YNode.Mapping m, YNode target, int depth) {
      YNode.Entry merge = m.entry("<<");
      if (merge == null || depth > 16) {
        return false;
      }
      YNode v = merge.value().resolve();
      List<YNode> sources = v instanceof YNode.Sequence q ? q.items : List.of(v);
      for (YNode src : sources) {
        YNode r = src.resolve();
        if (r == target || (r instanceof YNode.Mapping rm && mergesFrom(rm, target, depth + 1))) {
          return true;
        }
      }
      return false;
    }

    private static boolean requested(List<Finding> theirs, Edit e) {
      for (Finding f : theirs) {
        for (Edit x : f.edits()) {
          if (x.sameSplice(e)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * A key that every service merging an anchored top-level {@code x-} block ({@code <<: *x} or
     * {@code <<: [*x, *y]}) would get, with the same value, goes into that block once: the first
     * such finding is rewritten to write it there, and the verdict on that edit then drops the
     * other mergers' findings as hoisted. Only when the block's users are all services that merge
     * it (no other block merges or aliases it), there are at least two, each of them wants this key
     * and value (none sets the key itself or gets it from another block), the block is not one of a
     * single purpose (only {@code logging:}, say: its name tells what it is for), and the block
     * takes the entry; otherwise every service keeps its own edit.
     */
    private static List<Finding> mergeHoist(ComposeFile cf, List<Finding> all, Patcher patcher) {
      Map<String, List<Finding>> byService = null;
      Set<YNode> owns = null;
      Map<YNode, Set<Hoist>> tried = new IdentityHashMap<>();
      List<Finding> out = null;
      for (int i = 0; i < all.size(); i++) {
        Finding f = all.get(i);
        if (!f.fixable() || f.edits().size() != 1) {
          continue;
        }
        Edit e = f.edits().get(0);
        Hoist h = e.hoist();
        Service s = cf.service(f.service());
        if (h == null
            || h.data() == null
            || h.data() instanceof Render.Raw
            || s == null
            || s.own == null
            || e.target() != s.own
            || s.own.entry("<<") == null) {
          continue;
        }
        if (byService == null) {
          byService = byService(all);
          owns = Collections.newSetFromMap(new IdentityHashMap<>());
          for (Service x : cf.services()) {
            if (x.own != null) {
              owns.add(x.own);
            }
          }
        }
        for (YNode.Mapping block : mergedBlocks(cf, s.own)) {
          if (block.entries.size() < 2
              || !tried.computeIfAbsent(block, k -> new HashSet<>()).add(h)
              || !onlyServicesMerge(cf, block, owns)) {
            continue;
          }
          Set<String> users = cf.servicesReaching(block);
          boolean allWant = users.size() >= 2;
          for (String u : users) {
            allWant &= hoistable(byService.getOrDefault(u, List.of()), h) != null;
          }
          Edit into =
              allWant && patcher.addEntry(block, h.key(), h.data(), h) instanceof Edit added
                  ? added
                  : null;
          if (into == null || verdict(cf, byService, block, into).blocker != null) {
            continue;
          }
          if (out == null) {
            out = new ArrayList<>(all);
          }
          out.set(i, f.withEdits(List.of(into)));
          break;
        }
      }
      return out == null ? all : out;
    }

    /** The findings by the service they are about (null for the file as a whole), in order. */
    private static Map<String, List<Finding>> byService(List<Finding> findings) {
      Map<String, List<Finding>> out = new HashMap<>();
      for (Finding f : findings) {
        out.computeIfAbsent(f.service(), k -> new ArrayList<>()).add(f);
      }
      return out;
    }

    /**
     * The anchored top-level {@code x-} blocks a mapping merges with {@code <<}, in merge order.
     */
    private static List<YNode.Mapping> mergedBlocks(ComposeFile cf, YNode.Mapping own) {
      YNode v = own.entry("<<").value();
      List<YNode> sources = v instanceof YNode.Sequence q ? q.items : List.of(v);
      List<YNode.Mapping> out = new ArrayList<>();
      for (YNode src : sources) {
        if (src instanceof YNode.Alias
            && src.resolve() instanceof YNode.Mapping m
            && m.anchor != null
            && m.parent() == cf.doc.root
            && cf.doc.root instanceof YNode.Mapping root) {
          for (YNode.Entry en : root.entries) {
            if (en.value() == m && en.keyText() != null && en.keyText().startsWith("x-")) {
              out.add(m);
            }
          }
        }
      }
      return out;
    }

    /**
     * Whether every alias of the block is a merge source ({@code <<}) of a service's own mapping.
     */
    private static boolean onlyServicesMerge(ComposeFile cf, YNode block, Set<YNode> owns) {
      List<YNode.Alias> aliases = cf.doc.aliasesOf(block);
      if (aliases.isEmpty()) {
        return false;
      }
      for (YNode.Alias a : aliases) {
        YNode at = a.parent() instanceof YNode.Sequence q ? q : a;
        YNode p = at.parent();
        if (!(p instanceof YNode.Mapping m)
            || !owns.contains(m)
            || m.entry("<<") == null
            || m.entry("<<").value() != at) {
          return false;
        }
      }
      return true;
    }

    private static Finding hoistable(List<Finding> theirs, Hoist hoist) {
      for (Finding f : theirs) {
        if (f.edits().size() == 1 && hoist.equals(f.edits().get(0).hoist())) {
          return f;
        }
      }
      return null;
    }

    List<Edit> edits() {
      List<Edit> out = new ArrayList<>();
      for (Finding f : accepted) {
        out.addAll(f.edits());
      }
      return out;
    }
  }
}
