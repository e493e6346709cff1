package dev.composefix.rule;

/**
 * A check over one compose file, with an optional fix. Adding a rule means: one {@link Check}
 * class, one {@link #of} entry in {@code rules/Registry} (its metadata), fixtures under
 * fixtures/&lt;id&gt;/ and docs/rules/&lt;id&gt;.md.
 */
public interface Rule {
  /** Kebab-case id, as in the contract. */
  String id();

  /** One line: what the rule does. */
  String summary();

  /** The applicability of this rule's fixes. */
  Applicability applicability();

  /** Whether the rule runs when nothing is selected. */
  default boolean enabledByDefault() {
    return true;
  }

  /** Reports findings, with fixes, through the context. Must not change anything itself. */
  void check(RuleContext ctx);

  /**
   * A rule that is on by default, made of its metadata and the {@link Check} that does the work.
   */
  static Rule of(String id, Applicability applicability, String summary, Check check) {
    return new Declared(id, applicability, summary, check);
  }

  /** A rule as rules/Registry declares it: see {@link #of}. */
  record Declared(String id, Applicability applicability, String summary, Check logic)
      implements Rule {
    @Override
    public void check(RuleContext ctx) {
      logic.check(ctx);
    }
  }
}
