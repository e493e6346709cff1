package dev.composefix.rules;

import dev.composefix.rule.Applicability;
import dev.composefix.rule.BaseRule;
import dev.composefix.rule.RuleContext;

/**
 * A lifecycle rule: it looks at production files only, and leaves every service of a development,
 * test or CI file alone ({@link Lifecycles#notProduction}).
 */
abstract class ProductionRule extends BaseRule {
  ProductionRule(String id, String summary, Applicability applicability) {
    this(id, summary, applicability, Skip.NONE);
  }

  ProductionRule(String id, String summary, Applicability applicability, Skip skip) {
    super(id, summary, applicability, skip);
  }

  @Override
  protected final boolean appliesTo(RuleContext ctx) {
    return !Lifecycles.notProduction(ctx);
  }
}
