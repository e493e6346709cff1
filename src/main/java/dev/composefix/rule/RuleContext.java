package dev.composefix.rule;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.Purpose;
import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Refusal;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** What a rule sees of one file, and where it reports. */
public final class RuleContext {
  private final Rule rule;
  private final ComposeFile file;
  private final Patcher patcher;
  private final List<Finding> findings = new ArrayList<>();
  private final Config config;

  public RuleContext(Rule rule, ComposeFile file, Patcher patcher) {
    this(rule, file, patcher, Config.NONE);
  }

  public RuleContext(Rule rule, ComposeFile file, Patcher patcher, Config config) {
    this(rule, file, patcher, config, null);
  }

  /**
   * A context whose file's {@code purpose} the caller has worked out (it stays the same through the
   * passes of a run); null to work it out here when a rule asks.
   */
  public RuleContext(Rule rule, ComposeFile file, Patcher patcher, Config config, Purpose purpose) {
    this.rule = rule;
    this.file = file;
    this.patcher = patcher;
    this.config = config == null ? Config.NONE : config;
    this.purpose = purpose;
  }

  /**
   * The configuration of this file ({@link Config#NONE} when there is none): knowledge additions.
   */
  public Config config() {
    return config;
  }

  public ComposeFile file() {
    return file;
  }

  private Purpose purpose;

  /**
   * What the file is for (production, or development/test/CI), from its name, directory and
   * configuration.
   */
  public Purpose purpose() {
    if (purpose == null) {
      purpose = Purpose.of(file.name, file.path, config);
    }
    return purpose;
  }

  private final Map<Object, Object> once = new HashMap<>();

  /**
   * A value the rule computes once for this file (a convention its services share, say): {@code
   * compute} runs at the first call with {@code key}, later calls return its result.
   */
  @SuppressWarnings("unchecked")
  public <T> T once(Object key, Function<RuleContext, T> compute) {
    if (once.containsKey(key)) {
      return (T) once.get(key);
    }
    T v = compute.apply(this);
    once.put(key, v);
    return v;
  }

  public Patcher patch() {
    return patcher;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** A finding without a fix. */
  public void report(YNode at, Service service, String message) {
    add(at, service, message, null);
  }

  /**
   * A finding with the rule's fix, whose {@code title} says in a few words what the fix does ("Add
   * `restart: unless-stopped`"). A {@link Refusal} among the patches (or no patch at all) means the
   * fix cannot be written here (for instance an unusual layout); the finding is then reported
   * without a fix, and says why.
   */
  public void fix(YNode at, Service service, String message, String title, Patch... patches) {
    List<Patch> list = Arrays.asList(patches);
    Refusal refused = refusal(list);
    if (refused != null) {
      add(at, service, message + why(refused), null);
    } else {
      List<Edit> edits = Patch.edits(list);
      StringBuilder m = new StringBuilder(message);
      for (Edit e : edits) {
        if (e.note() != null && m.indexOf(e.note()) < 0) {
          m.append(" (").append(e.note()).append(')');
        }
      }
      add(at, service, m.toString(), new Finding.Fix(title, rule.applicability(), edits));
    }
  }

  /**
   * The refusal among the patches: the first one, or {@link Refusal.Reason#NOTHING_TO_ADD} for no
   * patch at all; null when all are edits.
   */
  private static Refusal refusal(List<Patch> patches) {
    if (patches.isEmpty()) {
      return Refusal.of(Refusal.Reason.NOTHING_TO_ADD);
    }
    for (Patch p : patches) {
      Objects.requireNonNull(p, "a patch is an edit or a refusal, never null");
    }
    return Patch.refusal(patches);
  }

  /**
   * What a finding without its fix says about the refusal, chosen by its reason: where the value
   * lives elsewhere, the place to change it; where the layout stands in the way, what it is.
   */
  static String why(Refusal refused) {
    return switch (refused.reason()) {
      case OUTSIDE_DOCUMENT ->
          " (the value comes from another file or an extended service: change it there)";
      case RESET_LATER ->
          " (a later file of the project resets or overrides the key, so a value written here would"
              + " not count: change it there)";
      case NO_OWN_MAPPING ->
          " (the service has no mapping of its own in this file: change it where it is defined)";
      case COMMENT_IN_FLOW ->
          " (not fixed automatically: a comment sits inside the flow collection, and rewriting it"
              + " could lose the comment; change it by hand)";
      case KEY_EXISTS, NOT_EMPTY, DUPLICATE_ITEM ->
          " (not fixed automatically: the place already has a value composefix does not change;"
              + " change it by hand)";
      case EMPTY_BLOCK,
          FLOW_LAYOUT,
          NOT_FLOW,
          NOTHING_TO_ADD,
          NO_DASH,
          NOT_WHOLE_LINES,
          UNSUPPORTED_LAYOUT ->
          " (not fixed automatically: the place has a layout composefix does not edit; change it by"
              + " hand)";
    };
  }

  /**
   * A finding whose fix is unsafe even though the rule's other fixes are safe (it overrides a
   * setting the host supplies, say): applied only with --unsafe-fixes.
   */
  public void fixUnsafe(YNode at, Service service, String message, String title, Patch... patches) {
    List<Patch> list = Arrays.asList(patches);
    if (refusal(list) != null) {
      fix(at, service, message, title, patches);
    } else {
      add(at, service, message, new Finding.Fix(title, Applicability.UNSAFE, Patch.edits(list)));
    }
  }

  /** Adds a finding; {@code fix} is null for one without a fix. */
  private void add(YNode at, Service service, String message, Finding.Fix fix) {
    if (at != null && !file.doc.owns(at)) {
      at =
          service == null
              ? null
              : service.key; // a value merged from another file or an extended service
    }
    int off = at == null ? 0 : at.start();
    findings.add(
        new Finding(
            rule.id(),
            file.doc.line(off),
            file.doc.column(off),
            message,
            service == null ? null : service.name,
            Optional.ofNullable(fix)));
  }
}
