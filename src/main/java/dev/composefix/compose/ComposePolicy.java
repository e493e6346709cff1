package dev.composefix.compose;

import dev.composefix.yaml.EditPolicy;
import dev.composefix.yaml.Routes;
import dev.composefix.yaml.YNode;
import java.util.List;
import java.util.Set;

/** Where fixes to a compose file put new keys, and the migrations a fix may make. */
public final class ComposePolicy implements EditPolicy {
  public static final ComposePolicy INSTANCE = new ComposePolicy();

  private ComposePolicy() {}

  /**
   * A service's depends_on block is the one a fix most often rewrites (the short list to the map
   * form with conditions): new keys go right after it, before and after that rewrite alike, so the
   * changes touch instead of leaving the service's unchanged lines squeezed between them (after the
   * keys earlier fixes added there, so that added keys keep their order, but before any key the
   * user wrote, which would otherwise be left between two changes).
   */
  @Override
  public YNode.Entry insertAfter(YNode.Mapping map) {
    YNode.Entry deps = map.entry("depends_on");
    return deps != null && isService(map) ? deps : null;
  }

  /** The top-level version (obsolete-version removes it). */
  @Override
  public Set<String> removable() {
    return Set.of("version");
  }

  /** A depends_on list turned into a mapping with the same services. */
  @Override
  public Boolean migrationLoses(List<String> path, YNode a, YNode b) {
    if (path.size() == 3
        && path.get(0).equals("services")
        && path.get(2).equals("depends_on")
        && a instanceof YNode.Sequence qa
        && b instanceof YNode.Mapping mb) {
      for (YNode i : qa.items) {
        if (!(i instanceof YNode.Scalar s) || mb.entry(s.value) == null) {
          return true;
        }
      }
      return false;
    }
    return null;
  }

  /** Whether the mapping is a service: an entry of the top-level {@code services}. */
  private static boolean isService(YNode.Mapping map) {
    List<String> r = Routes.of(map);
    return r.size() == 2 && r.get(0).equals("services");
  }
}
