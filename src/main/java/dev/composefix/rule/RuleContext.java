package dev.composefix.rule;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Merge;
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
    this.rule = rule;
    this.file = file;
    this.patcher = patcher;
    this.config = config == null ? Config.NONE : config;
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

  private dev.composefix.compose.Purpose purpose;

  /**
   * What the file is for (production, or development/test/CI), from its name, directory and
   * configuration.
   */
  public dev.composefix.compose.Purpose purpose() {
    if (purpose == null) {
      purpose = dev.composefix.compose.Purpose.of(file.name, file.path, config);
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

  /** The text a finding gets when its service's value is not this file's to change. */
  static final String LAYERED =
      " (the value comes from another file or an extended service, or an override resets it: change it there)";

  /** The text a finding gets when the place has a layout the edits do not handle. */
  static final String LAYOUT =
      " (not fixed automatically: the place has a layout composefix does not edit, such as a comment inside a flow collection; change it by hand)";

  /**
   * A finding with the rule's fix. A {@link Refusal} among the patches (or no patch at all) means
   * the fix cannot be written here (for instance an unusual layout); the finding is then reported
   * without a fix, and says why.
   */
  public void fix(YNode at, Service service, String message, Patch... patches) {
    List<Patch> list = Arrays.asList(patches);
    Refusal refused = refusal(list);
    if (refused != null) {
      add(at, service, message + why(service), null);
    } else {
      List<Edit> edits = Patch.edits(list);
      StringBuilder m = new StringBuilder(message);
      for (Edit e : edits) {
        if (e.note() != null && m.indexOf(e.note()) < 0) {
          m.append(" (").append(e.note()).append(')');
        }
      }
      add(at, service, m.toString(), new Finding.Fix(null, rule.applicability(), edits));
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
   * What the finding says about a refusal. Users see one of two texts, as before refusals carried
   * their reason: a service whose value is layered gets {@link #LAYERED} (the place to change it is
   * elsewhere), any other {@link #LAYOUT}. The reason itself stays on the {@link Refusal} for tests
   * and for wording of its own later.
   */
  static String why(Service service) {
    return service != null && service.layered() ? LAYERED : LAYOUT;
  }

  /**
   * A finding whose fix is unsafe even though the rule's other fixes are safe (it overrides a
   * setting the host supplies, say): applied only with --unsafe-fixes.
   */
  public void fixUnsafe(YNode at, Service service, String message, Patch... patches) {
    List<Patch> list = Arrays.asList(patches);
    if (refusal(list) != null) {
      fix(at, service, message, patches);
    } else {
      add(at, service, message, new Finding.Fix(null, Applicability.UNSAFE, Patch.edits(list)));
    }
  }

  /** Adds a finding; {@code fix} is null for one without a fix. */
  private void add(YNode at, Service service, String message, Finding.Fix fix) {
    if (at != null && !Merge.within(file.doc, at)) {
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
