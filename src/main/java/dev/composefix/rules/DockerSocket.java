package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.YNode;
import java.util.Locale;
import java.util.Set;

/** Reports bind mounts of the Docker socket: whoever talks to it controls the host. */
public final class DockerSocket extends Check {
  static boolean isSocket(String source) {
    if (source == null) {
      return false;
    }
    String p = source.strip();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.endsWith("/docker.sock") || p.equals("docker.sock");
  }

  /** The source of a short-syntax volume, `SRC:DST[:MODE]`, or null for an anonymous volume. */
  static String shortSource(String v) {
    int c = v.indexOf(':');
    if (c < 0) {
      return null;
    }
    // a Windows drive letter (C:\...) is part of the source
    if (c == 1
        && Character.isLetter(v.charAt(0))
        && v.length() > 2
        && (v.charAt(2) == '\\' || v.charAt(2) == '/')) {
      int c2 = v.indexOf(':', 2);
      return c2 < 0 ? null : v.substring(0, c2);
    }
    return v.substring(0, c);
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    if (!(s.get("volumes") instanceof YNode.Sequence q)) {
      return;
    }
    String image = s.image();
    if (image != null && image.toLowerCase(Locale.ROOT).contains("socket-proxy")) {
      return; // the proxy that filters the API for the others: the recommended way to share the
      // socket
    }
    for (YNode i : q.items) {
      YNode item = i.resolve();
      String src = null;
      if (item instanceof YNode.Scalar sc && !sc.isNull()) {
        src = shortSource(sc.value);
      } else if (item instanceof YNode.Mapping m) {
        String type = Fixes.text(m.get("type"));
        if (type == null || type.equals("bind")) {
          src = Fixes.text(m.get("source"));
        }
      }
      if (isSocket(src)) {
        ctx.report(
            i,
            s,
            "service '"
                + s.name
                + "' mounts the Docker socket ("
                + src.strip()
                + "): anything that"
                + " can talk to it can start a privileged container and own the host, even with `:ro`; remove the"
                + " mount, or put a socket proxy that allows only the API calls it needs (e.g."
                + " tecnativa/docker-socket-proxy) in between");
      }
    }
  }
}
