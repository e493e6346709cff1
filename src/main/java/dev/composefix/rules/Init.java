package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.List;
import java.util.Set;

/**
 * Adds {@code init: true} to services whose command runs as PID 1 in a shell or in a language
 * runtime that neither forwards signals to its children nor reaps zombies. Never for images that
 * bring their own init (s6-overlay, tini, dumb-init).
 */
public final class Init extends Check {
  public Init() {
    super(Skip.whenSet("init"));
  }

  /** The program that would run as PID 1 and want an init, or null. */
  static String pid1(Service s) {
    List<String> inits = ImageFacts.initList("inits");
    List<String> entry = ImageFacts.words(s.get("entrypoint"));
    List<String> command = ImageFacts.words(s.get("command"));
    List<String> first = !entry.isEmpty() ? entry : command;
    if (first.isEmpty()) {
      return null;
    }
    String w = first.get(0);
    String prog = ImageFacts.program(w);
    if (inits.contains(w) || inits.contains(prog)) {
      return null;
    }
    if (prog.equals("exec") || prog.equals("env")) {
      return null; // unusual wrappers: leave them to the user
    }
    if (ImageFacts.initList("shells").contains(prog) || runtime(prog)) {
      return prog;
    }
    return null;
  }

  /** The runtime's name followed by a version of digits and dots only (python3.12). */
  private static boolean versioned(String prog, String runtime) {
    if (prog.length() <= runtime.length() || !prog.startsWith(runtime)) {
      return false;
    }
    for (int i = runtime.length(); i < prog.length(); i++) {
      char c = prog.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean runtime(String prog) {
    for (String r : ImageFacts.initList("runtimes")) {
      // python3.12, node20 and the like count as their runtime
      if (prog.equals(r) || versioned(prog, r)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    ImageFacts.Entry facts = ImageFacts.of(s, ctx.config());
    if (facts != null && facts.ownInit()) {
      return;
    }
    String prog = pid1(s);
    if (prog == null) {
      return;
    }
    String msg =
        "service '"
            + s.name
            + "' runs `"
            + prog
            + "` as PID 1, which does not reap zombie processes"
            + " or pass signals on to its children; add `init: true`";
    Fixes.addKey(ctx, s, msg, "Add `init: true`", "init", Boolean.TRUE);
  }
}
