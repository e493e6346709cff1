package dev.composefix.yaml;

import java.util.List;

/**
 * One text splice: replace {@code [start, end)} with {@code text}.
 *
 * @param target the node whose value the splice changes (for the anchor guard)
 * @param route the route whose value may change; everything else must read back the same
 * @param hoist for a key added to a service's own mapping, the key and its value (null otherwise):
 *     lets a fix that several services sharing one anchored mapping all want be written once, in
 *     that mapping
 * @param note what the user should know about how the edit is written (null for nothing), e.g. that
 *     a flow list was rewritten in block style to keep its line short
 */
public record Edit(
    int start, int end, String text, YNode target, List<String> route, Hoist hoist, String note)
    implements Patch {

  public Edit(int start, int end, String text, YNode target, List<String> route, Hoist hoist) {
    this(start, end, text, target, route, hoist, null);
  }

  public boolean sameSplice(Edit o) {
    return start == o.start && end == o.end && text.equals(o.text);
  }

  public boolean overlaps(Edit o) {
    if (start == end || o.start == o.end) {
      // an insertion overlaps a replacement only strictly inside it
      int p = start == end ? start : o.start;
      Edit r = start == end ? o : this;
      return r.start < p && p < r.end;
    }
    return start < o.end && o.start < end;
  }
}
