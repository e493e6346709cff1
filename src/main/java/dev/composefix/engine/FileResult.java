package dev.composefix.engine;

import dev.composefix.rule.Finding;
import java.util.List;

/** The outcome for one file: its text before and after, what was fixed and what is left. */
public record FileResult(String name, String before, String after, List<Finding> fixed, List<Finding> remaining) {
  public boolean changed() {
    return !before.equals(after);
  }
}
