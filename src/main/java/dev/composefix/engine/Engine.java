package dev.composefix.engine;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Splicer;
import dev.composefix.yaml.Verify;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Runs rules over a file to a fixpoint: each rule's fixes are applied as one batch of text edits,
 * the result is parsed again and compared with the text before, value by value, outside the
 * routes the fixes name. A pass that changes nothing ends the loop.
 */
public final class Engine {
  public static final int MAX_PASSES = 8;

  private final List<Rule> rules;
  private final boolean unsafeFixes;

  public Engine(List<Rule> rules, boolean unsafeFixes) {
    this.rules = List.copyOf(rules);
    this.unsafeFixes = unsafeFixes;
  }

  public FileResult run(String name, String text) throws YamlException, SelfCheckException {
    return run(name, null, text);
  }

  /** Runs the rules over one file's text; {@code path} is where it lives on disk, or null. */
  public FileResult run(String name, java.nio.file.Path path, String text) throws YamlException, SelfCheckException {
    ComposeFile cf = ComposeFile.of(Document.parse(text), name, path);
    Document original = cf.doc;
    List<SchemaCheck.Step> steps = new ArrayList<>();
    List<Finding> fixed = new ArrayList<>();
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean changed = false;
      List<Finding> remaining = new ArrayList<>();
      Patcher patcher = new Patcher(cf.doc);
      for (Rule rule : rules) {
        RuleContext ctx = new RuleContext(rule, cf, patcher);
        try {
          rule.check(ctx);
        } catch (RuntimeException e) {
          throw new SelfCheckException(rule.id(), "rule failed: " + e);
        }
        List<Finding> wanted = new ArrayList<>();
        for (Finding f : ctx.findings()) {
          if (f.fixable() && (f.applicability() == Applicability.SAFE || unsafeFixes)) {
            wanted.add(f);
          } else {
            remaining.add(f);
          }
        }
        if (wanted.isEmpty()) {
          continue;
        }
        Guard guard = new Guard(cf, wanted);
        remaining.addAll(guard.refused);
        List<Edit> edits = Splicer.compatible(guard.edits());
        if (edits.isEmpty()) {
          continue;
        }
        ComposeFile next = apply(cf, rule, edits, name, path);
        Set<String> applied = new HashSet<>();
        for (Edit e : edits) {
          applied.add(spliceKey(e));
        }
        for (Finding f : guard.accepted) {
          if (f.edits().stream().allMatch(e -> applied.contains(spliceKey(e)))) {
            fixed.add(f);
          }
        }
        fixed.addAll(guard.hoistedAway);
        cf = next;
        steps.add(new SchemaCheck.Step(rule.id(), cf.doc));
        patcher = new Patcher(cf.doc);
        changed = true;
      }
      if (!changed) {
        SchemaCheck.verify(original, steps);
        return new FileResult(name, text, cf.doc.text, fixed, remaining);
      }
    }
    throw new SelfCheckException(null, "fixes did not settle after " + MAX_PASSES + " passes");
  }

  private static String spliceKey(Edit e) {
    return e.start() + ":" + e.end() + ":" + e.text();
  }

  private static ComposeFile apply(ComposeFile cf, Rule rule, List<Edit> edits, String name, java.nio.file.Path path)
      throws SelfCheckException {
    String after = Splicer.apply(cf.doc.text, edits);
    Document nd;
    try {
      nd = Document.parse(after);
    } catch (YamlException e) {
      throw new SelfCheckException(rule.id(), "its fix made the file invalid YAML at line " + e.line + ": " + e.getMessage());
    }
    List<List<String>> routes = new ArrayList<>();
    for (Edit e : edits) {
      routes.add(e.route());
    }
    String diff = new Verify(routes).firstDifference(cf.doc.root, nd.root);
    if (diff != null) {
      throw new SelfCheckException(rule.id(), "its fix changed '" + diff + "', outside the keys it is allowed to touch");
    }
    try {
      return ComposeFile.of(nd, name, path);
    } catch (YamlException e) {
      throw new SelfCheckException(rule.id(), "its fix made the file unreadable as compose: " + e.getMessage());
    }
  }

  /**
   * Never edit through an alias or inside an anchored block that other services share, unless every
   * service that reaches it wants the same edit. A key that every sharer of an anchored service
   * mapping would get is written once, in that mapping (hoisted), and not in each sharer.
   */
  private static final class Guard {
    final List<Finding> accepted = new ArrayList<>();
    final List<Finding> refused = new ArrayList<>();
    final Set<Finding> hoistedAway = Collections.newSetFromMap(new IdentityHashMap<>());

    Guard(ComposeFile cf, List<Finding> wanted) {
      List<Finding> pendingDrops = new ArrayList<>();
      for (Finding f : wanted) {
        List<Finding> drops = new ArrayList<>();
        String why = null;
        for (Edit e : f.edits()) {
          YNode shared = cf.doc.sharedAncestor(e.target());
          if (shared == null) {
            continue;
          }
          for (String owner : cf.servicesReaching(shared)) {
            if (owner.equals(f.service()) || requested(wanted, owner, e)) {
              continue;
            }
            if (e.hoistKey() != null) {
              String key = e.hoistKey().substring(0, e.hoistKey().indexOf('='));
              Service os = cf.service(owner);
              if (os != null && os.has(key)) {
                continue;
              }
              Finding same = hoistable(wanted, owner, e.hoistKey());
              if (same != null) {
                drops.add(same);
                continue;
              }
            }
            why = "it would land in the block anchored as &" + shared.anchor + ", which service '" + owner
                + "' shares; change it there by hand";
            break;
          }
          if (why != null) {
            break;
          }
        }
        if (why == null) {
          accepted.add(f);
          pendingDrops.addAll(drops);
        } else {
          refused.add(f.withoutFix(why));
        }
      }
      hoistedAway.addAll(pendingDrops);
      accepted.removeIf(hoistedAway::contains);
    }

    private static boolean requested(List<Finding> wanted, String owner, Edit e) {
      for (Finding f : wanted) {
        if (owner.equals(f.service())) {
          for (Edit x : f.edits()) {
            if (x.sameSplice(e)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    private static Finding hoistable(List<Finding> wanted, String owner, String hoistKey) {
      for (Finding f : wanted) {
        if (owner.equals(f.service()) && f.edits().size() == 1 && hoistKey.equals(f.edits().get(0).hoistKey())) {
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
