package dev.composefix.rule;

import dev.composefix.compose.Service;
import java.util.Set;

/**
 * What a rule looks for, apart from its metadata (id, summary, applicability: {@link Rule#of} pairs
 * them in rules/Registry): the loop over the services a file owns. A check overrides {@link
 * #checkService}, or {@link #check} when it looks at the file as a whole.
 */
public abstract class Check {
  private final Skip skip;

  /**
   * The services a rule leaves alone before {@link #checkService} sees them: those whose own or
   * inherited value sets {@code key} (the user's decision stands), and, when {@code oneShot}, the
   * file's one-shot jobs.
   */
  public record Skip(String key, boolean oneShot) {
    public static final Skip NONE = new Skip(null, false);

    /** Services that set {@code key}. */
    public static Skip whenSet(String key) {
      return new Skip(key, false);
    }

    /** Services that set {@code key}, and one-shot jobs. */
    public static Skip whenSetOrOneShot(String key) {
      return new Skip(key, true);
    }

    boolean skips(Service s, Set<String> oneShots) {
      return key != null && s.has(key) || oneShot && oneShots.contains(s.name);
    }
  }

  /** A check that sees every service the file owns. */
  protected Check() {
    this(Skip.NONE);
  }

  /** A check that does not see the services {@code skip} leaves alone. */
  protected Check(Skip skip) {
    this.skip = skip;
  }

  /**
   * Calls {@link #checkService} for each service the file owns whose value is a mapping ({@link
   * Service#own}) and that the rule's {@link Skip} does not leave alone, in the file's order;
   * nothing when the rule does not {@link #appliesTo} the file.
   */
  public void check(RuleContext ctx) {
    if (!appliesTo(ctx)) {
      return;
    }
    Set<String> oneShot = ctx.file().oneShot();
    for (Service s : ctx.file().services()) {
      if (s.own != null && !skip.skips(s, oneShot)) {
        checkService(ctx, s, oneShot);
      }
    }
  }

  /**
   * Whether the rule looks at this file's services at all (by default it does). Decided per file:
   * rules are shared across threads, so a rule keeps no state of its own; a value computed once per
   * file goes through {@link RuleContext#once}.
   */
  protected boolean appliesTo(RuleContext ctx) {
    return true;
  }

  /**
   * Checks one service the file owns (its {@link Service#own} mapping is not null); {@code oneShot}
   * names the file's one-shot services (jobs that run and exit). Reports through the context and
   * changes nothing itself.
   */
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {}
}
