package dev.composefix.engine;

import dev.composefix.rule.Finding;
import java.util.List;

/**
 * The outcome for one file: its text before and after, what was fixed, what is left, what was
 * suppressed (see {@link Suppressed}), and warnings about the file's suppressions, each as
 * "LINE:COL: message".
 */
public record FileResult(
    String name,
    String before,
    String after,
    List<Finding> fixed,
    List<Finding> remaining,
    List<Suppressed> suppressed,
    List<String> warnings) {
  public FileResult(
      String name, String before, String after, List<Finding> fixed, List<Finding> remaining) {
    this(name, before, after, fixed, remaining, List.of(), List.of());
  }

  public boolean changed() {
    return !before.equals(after);
  }
}
