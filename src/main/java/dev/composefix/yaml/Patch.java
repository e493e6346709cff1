package dev.composefix.yaml;

import java.util.List;

/**
 * What a {@link Patcher} edit method answers: the {@link Edit} that makes the change, or a {@link
 * Refusal} that says why this place cannot take it. A helper that makes a fix of several edits
 * answers a list of patches: its edits, or one refusal.
 */
public sealed interface Patch permits Edit, Refusal {

  /** The first refusal among the patches, or null when all are edits. */
  static Refusal refusal(List<? extends Patch> patches) {
    for (Patch p : patches) {
      if (p instanceof Refusal r) {
        return r;
      }
    }
    return null;
  }

  /** The edits of patches that hold no refusal (see {@link #refusal}). */
  static List<Edit> edits(List<? extends Patch> patches) {
    return patches.stream().map(Edit.class::cast).toList();
  }
}
