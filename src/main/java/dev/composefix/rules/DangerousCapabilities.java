package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reports {@code cap_add} entries that give a container (nearly) root over the host. */
public final class DangerousCapabilities extends Check {
  /** Capability to what it allows. */
  static final Map<String, String> DANGEROUS =
      Map.ofEntries(
          Map.entry("ALL", "every capability, as good as `privileged`"),
          Map.entry(
              "SYS_ADMIN", "mounts, namespaces and much more: the usual way out of a container"),
          Map.entry("NET_ADMIN", "reconfiguring interfaces, routes and firewall rules"),
          Map.entry("SYS_PTRACE", "reading and changing the memory of other processes"),
          Map.entry("SYS_MODULE", "loading kernel modules into the host kernel"),
          Map.entry("SYS_RAWIO", "raw access to devices and I/O ports"),
          Map.entry(
              "DAC_READ_SEARCH", "reading any file, past permission checks (the shocker escape)"),
          Map.entry("SYS_BOOT", "rebooting the host"),
          Map.entry("BPF", "loading eBPF programs into the host kernel"),
          Map.entry("MAC_ADMIN", "changing the mandatory access control policy"),
          Map.entry("MAC_OVERRIDE", "bypassing the mandatory access control policy"));

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    for (Lists.Item i : Lists.items(s, "cap_add")) {
      String cap = i.text().strip().toUpperCase(Locale.ROOT);
      if (cap.startsWith("CAP_")) {
        cap = cap.substring(4);
      }
      String what = DANGEROUS.get(cap);
      if (what != null) {
        ctx.report(
            i.node(),
            s,
            "service '"
                + s.name
                + "' adds capability "
                + cap
                + " ("
                + what
                + "); remove it unless"
                + " the service really needs it, and then say why in a comment");
      }
    }
  }
}
