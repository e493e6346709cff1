package dev.composefix.rules;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.RunAs;
import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Edit;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.Routes;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A non-root service that writes to a named volume cannot, because Docker creates the volume owned
 * by root. Adds one hardened one-shot init service that owns the volume to the service's UID, and
 * makes the service wait for it with {@code condition: service_completed_successfully}. The UID
 * comes from {@link RunAs} and is never guessed: unknown means a finding, not a fix.
 */
public final class VolumeInit extends Check {
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  static final String IMAGE = "alpine:3.22";
  static final String CONDITION = "service_completed_successfully";
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./@+=,:-]*");

  /** A writable mount of a named volume. */
  record Mount(Service service, String volume, String target, YNode at, boolean nocopy) {}

  /** One service that needs a volume owned to its user. */
  record Writer(Mount mount, RunAs user) {}

  /**
   * The writable named-volume mounts of a service (not :ro, not read_only, not binds, tmpfs or
   * anonymous).
   */
  static List<Mount> namedMounts(Service s, boolean writableOnly) {
    List<Mount> out = new ArrayList<>();
    if (!(s.get("volumes") instanceof YNode.Sequence seq)) {
      return out;
    }
    for (YNode item : seq.items) {
      YNode i = item.resolve();
      if (i instanceof YNode.Scalar sc && !sc.isNull()) {
        String[] parts = sc.value.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
          continue;
        }
        String src = parts[0];
        String dst = parts[1];
        if (!namedSource(src) || !dst.startsWith("/")) {
          continue;
        }
        if (writableOnly && parts.length == 3 && List.of(parts[2].split(",")).contains("ro")) {
          continue;
        }
        out.add(new Mount(s, src, dst, item, false));
      } else if (i instanceof YNode.Mapping m) {
        String type = Fixes.text(m.get("type"));
        String src = Fixes.text(m.get("source"));
        String dst = Fixes.text(m.get("target"));
        if (!"volume".equals(type)
            || src == null
            || dst == null
            || !namedSource(src)
            || !dst.startsWith("/")) {
          continue;
        }
        String ro = Fixes.text(m.get("read_only"));
        if (writableOnly
            && ro != null
            && (ro.equalsIgnoreCase("true") || ro.equalsIgnoreCase("yes"))) {
          continue;
        }
        boolean nocopy =
            m.get("volume") instanceof YNode.Mapping vm
                && "true".equalsIgnoreCase(Fixes.text(vm.get("nocopy")));
        out.add(new Mount(s, src, dst, item, nocopy));
      }
    }
    return out;
  }

  private static boolean namedSource(String src) {
    return !src.isEmpty() && VOLUME_NAME.matcher(src).matches();
  }

  @Override
  public void check(RuleContext ctx) {
    ComposeFile cf = ctx.file();
    if (cf.servicesNode == null) {
      return;
    }
    Map<String, Map<String, String>> inits = inits(cf);
    Map<String, List<Writer>> writers = new LinkedHashMap<>();
    Map<String, List<Writer>> copyUp = new HashMap<>();
    Set<String> unsure = new HashSet<>();
    collectWriters(ctx, inits, writers, copyUp, unsure);
    // a volume that a service of unknown user also writes to is left as it is (that service has its
    // finding): chowning it could take it away from that service
    writers.keySet().removeAll(unsure);
    dropOwnerClashes(ctx, writers, copyUp);
    // services whose depends_on gets an edit in this pass: two edits of one depends_on in one batch
    // would collide, so a second one waits for the next pass of the engine
    Set<String> touched = new HashSet<>();
    waitForInits(ctx, inits, writers, touched);
    List<List<String>> groups = groups(writers);
    // New services go at the end of the services mapping, where the last service's own new keys go
    // too: the group that edits the last service comes first, so that its keys land before any
    // init.
    String last =
        cf.serviceNames().isEmpty() ? null : cf.serviceNames().get(cf.serviceNames().size() - 1);
    for (int i = 0; i < groups.size(); i++) {
      for (String v : groups.get(i)) {
        for (Writer w : writers.get(v)) {
          if (w.mount().service().name.equals(last) && i > 0) {
            groups.add(0, groups.remove(i));
          }
        }
      }
    }
    Set<String> taken = new HashSet<>(cf.serviceNames());
    for (List<String> g : groups) {
      boolean later = false;
      for (String v : g) {
        for (Writer w : writers.get(v)) {
          later |= touched.contains(w.mount().service().name);
        }
      }
      if (!later) {
        addInit(ctx, cf, g, writers, taken);
      }
    }
  }

  /**
   * The services that chown named volumes (by composefix or by hand): the volumes each owns, with
   * the owner it gives.
   */
  private static Map<String, Map<String, String>> inits(ComposeFile cf) {
    Map<String, Map<String, String>> inits = new LinkedHashMap<>();
    for (Service s : cf.services()) {
      Map<String, String> owned = Chown.ownedVolumes(s);
      if (!owned.isEmpty()) {
        inits.put(s.name, owned);
      }
    }
    return inits;
  }

  /**
   * The non-root writers of each declared named volume ({@code writers}), those whose image already
   * owns the mount path ({@code copyUp}), and the volumes a service of unknown user writes to
   * ({@code unsure}); reports the mounts no init can help (unknown user, external volume, own
   * driver).
   */
  private static void collectWriters(
      RuleContext ctx,
      Map<String, Map<String, String>> inits,
      Map<String, List<Writer>> writers,
      Map<String, List<Writer>> copyUp,
      Set<String> unsure) {
    ComposeFile cf = ctx.file();
    Map<String, YNode> declared = cf.declaredVolumes();
    for (Service s : cf.services()) {
      if (s.own == null || inits.containsKey(s.name)) {
        continue;
      }
      List<Mount> mounts = new ArrayList<>();
      for (Mount m : namedMounts(s, true)) {
        if (declared.containsKey(m.volume())) {
          mounts.add(m);
        }
      }
      if (mounts.isEmpty()) {
        continue;
      }
      RunAs ra = RunAs.of(s, ctx.config());
      for (Mount m : mounts) {
        String where =
            "service '" + s.name + "' writes to named volume '" + m.volume() + "' at " + m.target();
        if (!ra.known()) {
          ctx.report(
              m.at(),
              s,
              where
                  + ", and its user is not known ("
                  + ra.unknownWhy()
                  + "); if it runs as"
                  + " non-root, add `user: \"UID:GID\"` so that volume-init can give the volume to that user");
          unsure.add(m.volume());
          continue;
        }
        if (ra.root()) {
          continue;
        }
        if (ra.imageOwns(m.target()) && !m.nocopy()) {
          copyUp.computeIfAbsent(m.volume(), k -> new ArrayList<>()).add(new Writer(m, ra));
          continue;
        }
        YNode decl = declared.get(m.volume());
        String asUid = where + " as UID " + ra.uid() + " (" + ra.via() + ")";
        if (decl instanceof YNode.Mapping dm
            && dm.get("external") != null
            && !"false".equalsIgnoreCase(Fixes.text(dm.get("external")))) {
          ctx.report(
              m.at(),
              s,
              asUid
                  + ", but the volume is external:"
                  + " it is managed outside this project, so make sure it is owned by "
                  + ra.owner()
                  + " there");
          continue;
        }
        if (decl instanceof YNode.Mapping dm
            && (dm.get("driver_opts") != null
                || (Fixes.text(dm.get("driver")) != null
                    && !"local".equals(Fixes.text(dm.get("driver")))))) {
          ctx.report(
              m.at(),
              s,
              asUid
                  + ", but the volume has its own"
                  + " driver or driver options (a bind or remote storage): give its storage to "
                  + ra.owner()
                  + " there");
          continue;
        }
        writers.computeIfAbsent(m.volume(), k -> new ArrayList<>()).add(new Writer(m, ra));
      }
    }
  }

  /**
   * One owner per volume, counting the services whose image already owns their mount path: a volume
   * two users write is reported and dropped.
   */
  private static void dropOwnerClashes(
      RuleContext ctx, Map<String, List<Writer>> writers, Map<String, List<Writer>> copyUp) {
    for (var it = writers.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      List<Writer> all = new ArrayList<>(e.getValue());
      all.addAll(copyUp.getOrDefault(e.getKey(), List.of()));
      Writer first = e.getValue().get(0);
      Writer other = null;
      for (Writer w : all) {
        boolean gidClash =
            w.user().gid() != null
                && first.user().gid() != null
                && !w.user().gid().equals(first.user().gid());
        if (w.user().uid() != first.user().uid() || gidClash) {
          other = w;
          break;
        }
      }
      if (other != null) {
        Writer w = other;
        ctx.report(
            first.mount().at(),
            first.mount().service(),
            "named volume '"
                + e.getKey()
                + "' is written by service '"
                + first.mount().service().name
                + "' as "
                + first.user().owner()
                + " and by service '"
                + w.mount().service().name
                + "' as "
                + w.user().owner()
                + ": no single owner suits both; run them as one user or give each its own volume");
        it.remove();
      }
    }
  }

  /**
   * Volumes that an init (by composefix or by hand) already owns leave {@code writers}; their
   * writers get a {@code depends_on} on it ({@code touched} names the services edited in this
   * pass).
   */
  private static void waitForInits(
      RuleContext ctx,
      Map<String, Map<String, String>> inits,
      Map<String, List<Writer>> writers,
      Set<String> touched) {
    ComposeFile cf = ctx.file();
    Set<String> oneShot = cf.oneShot();
    for (var it = writers.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      String vol = e.getKey();
      String init = null;
      String spec = null;
      for (var in : inits.entrySet()) {
        if (in.getValue().containsKey(vol)) {
          init = in.getKey();
          spec = in.getValue().get(vol);
          break;
        }
      }
      if (init == null) {
        continue;
      }
      it.remove();
      if (!oneShot.contains(init) && !Chown.onlyPreparation(cf.service(init))) {
        // a long-running service that chowns at start (entrypoint pattern): it owns its own
        // mounts, but no one can wait for it to finish
        for (Writer w : e.getValue()) {
          ctx.report(
              w.mount().at(),
              w.mount().service(),
              "service '"
                  + w.mount().service().name
                  + "' writes to named volume '"
                  + vol
                  + "' as "
                  + w.user().owner()
                  + ", which long-running service '"
                  + init
                  + "' chowns when it starts;"
                  + " move that chown into a one-shot init service both wait for");
        }
        continue;
      }
      Writer first = e.getValue().get(0);
      String specUid =
          spec.contains(":")
              ? spec.substring(0, spec.indexOf(':'))
              : spec.contains(".") ? spec.substring(0, spec.indexOf('.')) : spec;
      Long specId = RunAs.num(specUid);
      if (specId != null && specId != first.user().uid()) {
        ctx.report(
            first.mount().at(),
            first.mount().service(),
            "service '"
                + init
                + "' owns named volume '"
                + vol
                + "' to "
                + spec
                + ", but service '"
                + first.mount().service().name
                + "' writes to it as "
                + first.user().owner()
                + " ("
                + first.user().via()
                + "); make them agree");
        continue;
      }
      Set<String> done = new HashSet<>();
      for (Writer w : e.getValue()) {
        Service s = w.mount().service();
        if (!done.add(s.name) || s.dependsOn().get(init) != null || touched.contains(s.name)) {
          continue; // waits already (the user's condition stands), or is edited once this pass:
          // next pass
        }
        List<Patch> edits = DependsOn.require(ctx.patch(), s, init, CONDITION);
        if (edits.isEmpty()) {
          continue;
        }
        String msg =
            "service '"
                + s.name
                + "' writes to named volume '"
                + vol
                + "', which service '"
                + init
                + "' owns to its user, but does not wait for it; add `depends_on: {"
                + init
                + ": {condition: "
                + CONDITION
                + "}}`";
        ctx.fix(
            w.mount().at(),
            s,
            msg,
            "Add `depends_on: {" + init + ": {condition: " + CONDITION + "}}`",
            edits.toArray(new Patch[0]));
        touched.add(s.name);
      }
    }
  }

  /**
   * The volumes in groups linked by the services that write them, each in the order of {@code
   * writers}.
   */
  private static List<List<String>> groups(Map<String, List<Writer>> writers) {
    List<String> vols = new ArrayList<>(writers.keySet());
    List<List<String>> groups = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (String v : vols) {
      if (placed.contains(v)) {
        continue;
      }
      LinkedHashSet<String> group = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>(List.of(v));
      while (!todo.isEmpty()) {
        String x = todo.remove(todo.size() - 1);
        if (!group.add(x)) {
          continue;
        }
        Set<String> svcs = new HashSet<>();
        for (Writer w : writers.get(x)) {
          svcs.add(w.mount().service().name);
        }
        for (String y : vols) {
          if (!group.contains(y)) {
            for (Writer w : writers.get(y)) {
              if (svcs.contains(w.mount().service().name)) {
                todo.add(y);
                break;
              }
            }
          }
        }
      }
      List<String> ordered = new ArrayList<>();
      for (String y : vols) {
        if (group.contains(y)) {
          ordered.add(y);
        }
      }
      placed.addAll(ordered);
      groups.add(ordered);
    }
    return groups;
  }

  private void addInit(
      RuleContext ctx,
      ComposeFile cf,
      List<String> vols,
      Map<String, List<Writer>> writers,
      Set<String> taken) {
    Writer first = writers.get(vols.get(0)).get(0);
    Long gid = null;
    LinkedHashSet<String> services = new LinkedHashSet<>();
    Map<String, String> paths = new LinkedHashMap<>();
    Set<String> usedPaths = new HashSet<>();
    boolean partial = false;
    for (String v : vols) {
      for (Writer w : writers.get(v)) {
        gid = gid != null ? gid : w.user().gid();
        services.add(w.mount().service().name);
        partial |= w.mount().service().partial();
      }
      String path = writers.get(v).get(0).mount().target();
      path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      if (usedPaths.contains(path) || path.equals("/")) {
        path = "/volumes/" + v;
      }
      usedPaths.add(path);
      paths.put(v, path);
    }
    long uid = first.user().uid();
    String owner = gid == null ? Long.toString(uid) : uid + ":" + gid;
    String name = initName(vols, taken);
    String msg =
        "service"
            + (services.size() > 1 ? "s " : " ")
            + quoteAll(services)
            + " run"
            + (services.size() > 1 ? "" : "s")
            + " as UID "
            + uid
            + " ("
            + first.user().via()
            + ") but Docker creates named volume"
            + (vols.size() > 1 ? "s " : " ")
            + quoteAll(vols)
            + " owned by root; add one-shot service '"
            + name
            + "' that owns "
            + (vols.size() > 1 ? "them" : "it")
            + " to "
            + owner
            + " first";
    for (String p : paths.values()) {
      if (!SAFE_PATH.matcher(p).matches()) {
        ctx.report(
            first.mount().at(),
            first.mount().service(),
            msg + " (the mount path needs quoting in a shell; write it by hand)");
        return;
      }
    }
    if (partial) {
      ctx.report(first.mount().at(), first.mount().service(), msg + Fixes.PARTIAL);
      return;
    }
    taken.add(name);
    String title =
        "Add one-shot service '"
            + name
            + "' that owns "
            + quoteAll(vols)
            + " to "
            + owner
            + ", and wait for it";
    List<Patch> edits = new ArrayList<>();
    for (String sn : services) {
      List<Patch> e = DependsOn.require(ctx.patch(), cf.service(sn), name, CONDITION);
      if (Patch.refusal(e) != null) {
        ctx.fix(first.mount().at(), first.mount().service(), msg, title, Patch.refusal(e));
        return;
      }
      edits.addAll(e);
    }
    edits.add(
        addService(ctx.patch(), cf.servicesNode, name, initService(vols, paths, owner, uid, ctx)));
    // One finding per service, each carrying the whole set of edits (identical splices are applied
    // once): the anchor guard then sees every sharer of an anchored block ask for the same edit,
    // and
    // the set stays whole, since any one accepted finding brings all of it.
    Set<String> reported = new HashSet<>();
    for (String v : vols) {
      for (Writer w : writers.get(v)) {
        Service s = w.mount().service();
        if (reported.add(s.name)) {
          ctx.fix(w.mount().at(), s, msg, title, edits.toArray(new Patch[0]));
        }
      }
    }
  }

  /**
   * Adds a service as the last entry of the services mapping, after the comment lines indented
   * under the last service (they belong to it), with a blank line before it when services are
   * separated so.
   */
  static Patch addService(
      Patcher p, YNode.Mapping services, String name, Map<String, Object> value) {
    if (services.flow || services.entries.isEmpty()) {
      return p.addEntry(services, name, value, null);
    }
    Document doc = p.document();
    String text = doc.text;
    int col = p.keyColumn(services);
    int pos = doc.lines.nextLineStart(p.contentEnd(services));
    while (pos < text.length()) {
      int next = doc.lines.nextLineStart(pos);
      String line = text.substring(pos, next);
      String body = line.stripLeading();
      if (!body.startsWith("#") || line.length() - body.length() <= col) {
        break;
      }
      pos = next;
    }
    boolean blank = false;
    int n = services.entries.size();
    if (n > 1) {
      int from = doc.lines.nextLineStart(p.contentEnd(services.entries.get(n - 2).value()));
      int to = doc.lines.lineStart(services.entries.get(n - 1).key().start());
      for (int at = from; at < to; at = doc.lines.nextLineStart(at)) {
        blank |= text.substring(at, doc.lines.nextLineStart(at)).isBlank();
      }
    }
    String add = (blank ? p.style().eol() : "") + Render.entry(name, value, col, p.style());
    if (pos == text.length() && !text.isEmpty() && !text.endsWith("\n")) {
      add = p.style().eol() + add.substring(0, add.length() - p.style().eol().length());
    }
    return new Edit(pos, pos, add, services, Routes.child(Routes.of(services), name), null);
  }

  private static Map<String, Object> initService(
      List<String> vols, Map<String, String> paths, String owner, long uid, RuleContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "# One-shot (composefix volume-init): gives "
            + String.join(", ", vols)
            + " to UID "
            + uid
            + "; Docker creates named volumes owned by root",
        null);
    m.put("image", IMAGE);
    List<Object> mounts = new ArrayList<>();
    for (String v : vols) {
      mounts.add(v + ":" + paths.get(v));
    }
    m.put("volumes", mounts);
    String targets = String.join(" ", paths.values());
    String script = "chown -R " + owner + " " + targets + " && chmod 755 " + targets;
    var st = ctx.patch().style();
    m.put(
        "command",
        new Render.Raw(
            Render.flow(
                List.of(
                    new Render.Quoted("sh"), new Render.Quoted("-c"), new Render.Quoted(script)),
                st)));
    m.put("restart", new Render.Quoted("no"));
    m.put("network_mode", "none");
    m.put("cap_drop", List.of("ALL"));
    m.put("cap_add", List.of("CHOWN", "FOWNER", "DAC_OVERRIDE"));
    m.put("security_opt", List.of("no-new-privileges:true"));
    return m;
  }

  private static String initName(List<String> vols, Set<String> taken) {
    String base = vols.size() <= 3 ? String.join("-", vols) : vols.get(0) + "-volumes";
    base = base.replaceAll("[^A-Za-z0-9_.-]", "-") + "-init";
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String quoteAll(Iterable<String> names) {
    List<String> q = new ArrayList<>();
    for (String n : names) {
      q.add("'" + n + "'");
    }
    return String.join(", ", q);
  }

  /**
   * Reads the chown commands of a service that prepares volumes (an init service, or an entrypoint
   * that fixes ownership).
   */
  static final class Chown {
    private Chown() {}

    /** Volume name to owner spec, for every named volume the service mounts at a path it chowns. */
    static Map<String, String> ownedVolumes(Service s) {
      String cmd = commandText(s.get("command")) + " ; " + commandText(s.get("entrypoint"));
      if (!cmd.contains("chown")) {
        return Map.of();
      }
      Map<String, String> pathOwner = new HashMap<>();
      List<String> words = ShellWords.loose(cmd);
      for (int i = 0; i < words.size(); i++) {
        if (!words.get(i).equals("chown") && !words.get(i).endsWith("/chown")) {
          continue;
        }
        String spec = null;
        for (int j = i + 1; j < words.size() && !words.get(j).equals(";"); j++) {
          String a = words.get(j);
          if (a.startsWith("-")) {
            continue;
          }
          if (spec == null) {
            spec = a;
          } else {
            pathOwner.put(norm(a), spec);
          }
        }
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Mount m : namedMounts(s, false)) {
        String t = norm(m.target());
        for (var e : pathOwner.entrySet()) {
          String p = e.getKey();
          if (t.equals(p) || t.startsWith(p.endsWith("/") ? p : p + "/")) {
            out.putIfAbsent(m.volume(), e.getValue());
          }
        }
      }
      return out;
    }

    /**
     * Whether a service's command does nothing but prepare files (chown, chmod, mkdir, ...): a
     * one-shot job.
     */
    static boolean onlyPreparation(Service s) {
      String cmd = commandText(s.get("entrypoint")) + " ; " + commandText(s.get("command"));
      for (String seg : cmd.split("&&|\\|\\||;|\\|")) {
        String t = seg.strip().replaceAll("^[\"']+|[\"']+$", "").strip();
        t = t.replaceFirst("^(/bin/)?(ba)?sh\\s+-\\w*c\\s*", "").replaceAll("^[\"']+", "").strip();
        if (t.isEmpty()) {
          continue;
        }
        String prog = t.split("\\s+")[0];
        prog = prog.substring(prog.lastIndexOf('/') + 1);
        if (!PREP.contains(prog)) {
          return false;
        }
      }
      return true;
    }

    private static final Set<String> PREP =
        Set.of(
            "chown", "chmod", "chgrp", "mkdir", "touch", "true", "echo", "ls", "set", "find",
            "setfacl", "exit");

    private static String norm(String p) {
      String s = p.endsWith("/*") || p.endsWith("/.") ? p.substring(0, p.length() - 2) : p;
      while (s.length() > 1 && s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    }

    private static String commandText(YNode n) {
      String t = ShellWords.text(n);
      return t == null ? "" : t;
    }
  }
}
