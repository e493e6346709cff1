package dev.composefix.rule;

import dev.composefix.compose.Service;
import java.util.Set;

/**
 * A rule's metadata in one place, and the loop over the services a file owns: a rule overrides
 * {@link #checkService} (or {@link #check} when it looks at the file as a whole).
 */
public abstract class BaseRule implements Rule {
  private final String id;
  private final String summary;
  private final Applicability applicability;
  private final boolean enabledByDefault;

  protected BaseRule(String id, String summary, Applicability applicability) {
    this(id, summary, applicability, true);
  }

  protected BaseRule(String id, String summary, Applicability applicability, boolean enabledByDefault) {
    this.id = id;
    this.summary = summary;
    this.applicability = applicability;
    this.enabledByDefault = enabledByDefault;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final Applicability applicability() {
    return applicability;
  }

  @Override
  public final boolean enabledByDefault() {
    return enabledByDefault;
  }

  /**
   * Calls {@link #checkService} for each service the file owns whose value is a mapping
   * ({@link Service#own}), in the file's order.
   */
  @Override
  public void check(RuleContext ctx) {
    Set<String> oneShot = ctx.file().oneShot();
    for (Service s : ctx.file().services()) {
      if (s.own != null) {
        checkService(ctx, s, oneShot);
      }
    }
  }

  /**
   * Checks one service the file owns (its {@link Service#own} mapping is not null); {@code oneShot} names the file's one-shot services (jobs
   * that run and exit). Reports through the context and changes nothing itself.
   */
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) { }
}
