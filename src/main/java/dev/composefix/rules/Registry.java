package dev.composefix.rules;

import dev.composefix.rule.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every rule, in the order they run. Rules that others build on come first. */
public final class Registry {
  private Registry() {}

  private static final List<Rule> ALL =
      List.of(
          new ObsoleteVersion(),
          new NoNewPrivileges(),
          new LogRotation(),
          new RestartPolicy(),
          // healthchecks, then the depends_on conditions that need them
          new Healthcheck(),
          new DependsOnHealthy(),
          // after the healthchecks, so that depends_on lists it converts get service_healthy first
          new VolumeInit(),
          // stop grace period, limits, read-only rootfs, capabilities, init
          new StopGracePeriod(),
          new ResourceLimits(),
          new PidsLimit(),
          new ReadOnlyRootfs(),
          new CapDrop(),
          new Init(),
          // report-only
          new NoLatestTag(),
          new Privileged(),
          new DockerSocket(),
          new SecretInEnvironment(),
          new ExposedDatabasePort(),
          new HostNetwork(),
          new DangerousCapabilities(),
          new UnconfinedProfile(),
          new RootUser());

  private static final Set<String> IDS =
      ALL.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());

  public static List<Rule> all() {
    return ALL;
  }

  /** The id of every rule, for checking the ids a configuration names. */
  public static Set<String> ids() {
    return IDS;
  }

  public static Rule byId(String id) {
    for (Rule r : ALL) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** The rules to run: the selected ones (or those on by default), less the ignored ones. */
  public static List<Rule> select(Collection<String> select, Collection<String> ignore) {
    List<Rule> out = new ArrayList<>();
    Set<String> sel = Set.copyOf(select);
    Set<String> ign = Set.copyOf(ignore);
    for (Rule r : ALL) {
      boolean on =
          sel.isEmpty() ? r.enabledByDefault() : sel.contains(r.id()) || sel.contains("ALL");
      if (on && !ign.contains(r.id())) {
        out.add(r);
      }
    }
    return out;
  }
}
