package dev.composefix.rule;

/**
 * A check over one compose file, with an optional fix. Adding a rule means: one class, one line in
 * {@code rules/Registry}, fixtures under fixtures/&lt;id&gt;/ and docs/rules/&lt;id&gt;.md.
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
}
