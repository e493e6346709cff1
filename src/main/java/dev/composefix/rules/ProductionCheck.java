package dev.composefix.rules;

import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;

/**
 * A lifecycle rule: it looks at production files only, and leaves every service of a development,
 * test or CI file alone ({@link RuleContext#purpose}).
 */
abstract class ProductionCheck extends Check {
  ProductionCheck() {}

  ProductionCheck(Skip skip) {
    super(skip);
  }

  @Override
  protected final boolean appliesTo(RuleContext ctx) {
    return ctx.purpose().production();
  }
}
