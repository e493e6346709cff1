package dev.composefix.yaml;

import java.util.List;
import java.util.Objects;

/**
 * Why an edit cannot be written here: the finding is then reported without a fix.
 *
 * @param reason what stands in the way
 */
public record Refusal(Reason reason) implements Patch {

  public Refusal {
    Objects.requireNonNull(reason);
  }

  /** What stands in the way of an edit. */
  public enum Reason {
    /** The node is not part of this document: a merged view, another file, an extended service. */
    OUTSIDE_DOCUMENT,
    /** A later file of the project resets or overrides the key, so the value would not count. */
    RESET_LATER,
    /** The service has no mapping of its own in this file to write into. */
    NO_OWN_MAPPING,
    /** The mapping already has the key. */
    KEY_EXISTS,
    /** An empty block collection: no sibling to take the indentation from. */
    EMPTY_BLOCK,
    /** A comment inside a flow collection, between its items or entries. */
    COMMENT_IN_FLOW,
    /** A flow collection where the edit needs block style. */
    FLOW_LAYOUT,
    /** A block sequence where the edit needs a flow one. */
    NOT_FLOW,
    /** Nothing to add. */
    NOTHING_TO_ADD,
    /** No dash found before the first item of a block sequence. */
    NO_DASH,
    /** The key has a value (or a tag or an anchor), so it cannot be filled. */
    NOT_EMPTY,
    /** The entry does not own whole lines. */
    NOT_WHOLE_LINES,
    /** A list names one item twice. */
    DUPLICATE_ITEM,
    /** Any other layout the edit does not handle (a scalar, a tagged list, ...). */
    UNSUPPORTED_LAYOUT
  }

  /** A refusal for this reason. */
  public static Refusal of(Reason reason) {
    return new Refusal(reason);
  }

  /** A list of patches holding only this refusal. */
  public static List<Patch> only(Reason reason) {
    return List.of(new Refusal(reason));
  }
}
