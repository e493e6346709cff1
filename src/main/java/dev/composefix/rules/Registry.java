package dev.composefix.rules;

import static dev.composefix.rule.Applicability.DISPLAY_ONLY;
import static dev.composefix.rule.Applicability.SAFE;
import static dev.composefix.rule.Applicability.UNSAFE;

import dev.composefix.rule.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule, in the order they run, with its metadata: id, applicability of its fixes, summary,
 * and the check. Rules that others build on come first.
 */
public final class Registry {
  private Registry() {}

  private static final List<Rule> ALL =
      List.of(
          Rule.of(
              "obsolete-version",
              SAFE,
              "remove the obsolete top-level `version`",
              new ObsoleteVersion()),
          Rule.of(
              "no-new-privileges",
              SAFE,
              "add `no-new-privileges:true` to `security_opt`",
              new NoNewPrivileges()),
          Rule.of(
              "log-rotation",
              SAFE,
              "json-file/local logging gets `max-size`/`max-file`; a whole logging block only where the project names its driver (else unsafe)",
              new LogRotation()),
          Rule.of(
              "restart-policy",
              SAFE,
              "long-running services of production files get a restart policy (the file's own, else `unless-stopped`)",
              new RestartPolicy()),
          // healthchecks, then the depends_on conditions that need them
          Rule.of(
              "healthcheck",
              SAFE,
              "known images (postgres, redis, mysql, mariadb, mongo, ...) get their healthcheck",
              new Healthcheck()),
          Rule.of(
              "depends-on-healthy",
              SAFE,
              "a dependency with a healthcheck is waited for with `condition: service_healthy`",
              new DependsOnHealthy()),
          // after the healthchecks, so that depends_on lists it converts get service_healthy first
          Rule.of(
              "volume-init",
              SAFE,
              "non-root service writing to a named volume gets an init service that owns the volume to its UID, and"
                  + " `depends_on: {init: {condition: service_completed_successfully}}`",
              new VolumeInit()),
          // stop grace period, limits, read-only rootfs, capabilities, init
          Rule.of(
              "stop-grace-period",
              SAFE,
              "databases and queues get a `stop_grace_period` long enough to shut down cleanly",
              new StopGracePeriod()),
          Rule.of(
              "resource-limits",
              UNSAFE,
              "`deploy.resources.limits`/`reservations` by kind of service",
              new ResourceLimits()),
          Rule.of(
              "pids-limit",
              UNSAFE,
              "service-level `pids_limit` by kind of service",
              new PidsLimit()),
          Rule.of(
              "read-only-rootfs",
              UNSAFE,
              "`read_only: true` plus `tmpfs` for the paths the image writes",
              new ReadOnlyRootfs()),
          Rule.of(
              "cap-drop",
              UNSAFE,
              "`cap_drop: [ALL]` plus the `cap_add` the image needs",
              new CapDrop()),
          Rule.of(
              "init",
              UNSAFE,
              "`init: true` for services whose command is a shell or a runtime that does not reap zombies",
              new Init()),
          // report-only
          Rule.of(
              "no-latest-tag",
              DISPLAY_ONLY,
              "report images without a tag or with `latest` (digests are fine)",
              new NoLatestTag()),
          Rule.of("privileged", DISPLAY_ONLY, "report `privileged: true`", new Privileged()),
          Rule.of(
              "docker-socket",
              DISPLAY_ONLY,
              "report bind mounts of `/var/run/docker.sock`",
              new DockerSocket()),
          Rule.of(
              "secret-in-environment",
              DISPLAY_ONLY,
              "report passwords, tokens and keys written literally in `environment`",
              new SecretInEnvironment()),
          Rule.of(
              "exposed-database-port",
              DISPLAY_ONLY,
              "report database ports published on all interfaces",
              new ExposedDatabasePort()),
          Rule.of("host-network", DISPLAY_ONLY, "report `network_mode: host`", new HostNetwork()),
          Rule.of(
              "dangerous-capabilities",
              DISPLAY_ONLY,
              "report `cap_add` of ALL, SYS_ADMIN, NET_ADMIN and other host-level capabilities",
              new DangerousCapabilities()),
          Rule.of(
              "unconfined-profile",
              DISPLAY_ONLY,
              "report `seccomp:unconfined` / `apparmor:unconfined` in `security_opt`",
              new UnconfinedProfile()),
          Rule.of(
              "root-user",
              DISPLAY_ONLY,
              "service running as `user: root` to write to a named volume (use volume-init instead)",
              new RootUser()));

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
