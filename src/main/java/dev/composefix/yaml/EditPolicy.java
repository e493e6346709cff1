package dev.composefix.yaml;

import java.util.List;
import java.util.Set;

/**
 * What the format of a document (compose, for composefix) says about edits that the YAML layer
 * cannot know: where new keys go, and which changes to a file keep its meaning. The layer that
 * knows the format hands one in; {@link #NONE} knows nothing.
 */
public interface EditPolicy {
  /** No format: new keys go at the end, and every value must be kept as it was. */
  EditPolicy NONE = new EditPolicy() {};

  /**
   * The entry of {@code map} right after which new keys go (after the keys earlier fixes added
   * behind it), or null for the usual place at the end.
   */
  default YNode.Entry insertAfter(YNode.Mapping map) {
    return null;
  }

  /** Top-level keys a fix may remove. */
  default Set<String> removable() {
    return Set.of();
  }

  /**
   * Whether {@code b} at {@code path} is a documented migration of {@code a}: null when it is not
   * one (then the values are compared as usual), else whether the migration lost something.
   */
  default Boolean migrationLoses(List<String> path, YNode a, YNode b) {
    return null;
  }
}
