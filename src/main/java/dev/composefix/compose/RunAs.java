package dev.composefix.compose;

import dev.composefix.config.Config;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.yaml.YNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a service runs as, found in this order and never guessed: its {@code user:}; the Dockerfile
 * of its {@code build:} (context, dockerfile, target stage and build args honoured); the table of
 * images' default users (resource knowledge/users.yaml, each entry with its source).
 *
 * @param uid the numeric user id, or -1 when unknown
 * @param gid the numeric group id, or null when it is not known for sure
 * @param via where the answer comes from, for messages
 * @param unknownWhy why the user is unknown (null when known)
 * @param ownedPaths absolute paths (globs with *) the image creates owned by its user; Docker
 *     copies that ownership into a new, empty named volume mounted there
 * @param dockerfile the parsed Dockerfile stage when the answer came from a build, else null
 */
public record RunAs(
    long uid,
    Long gid,
    String via,
    String unknownWhy,
    List<String> ownedPaths,
    Dockerfile dockerfile,
    Dockerfile.Stage stage) {

  public static final String TABLE = "users";

  public boolean known() {
    return uid >= 0;
  }

  public boolean root() {
    return uid == 0;
  }

  /** The owner for chown: "UID:GID", or "UID" when the group is not known. */
  public String owner() {
    return gid == null ? Long.toString(uid) : uid + ":" + gid;
  }

  /**
   * Whether the image itself creates {@code path} owned by its user (so a new volume there is
   * already right).
   */
  public boolean imageOwns(String path) {
    if (dockerfile != null && stage != null && dockerfile.ownsPath(stage, path)) {
      return true;
    }
    String p = Dockerfile.norm(path);
    for (String g : ownedPaths) {
      if (Knowledge.glob(Dockerfile.norm(g), p)) {
        return true;
      }
    }
    return false;
  }

  static RunAs unknown(String why) {
    return new RunAs(-1, null, null, why, List.of(), null, null);
  }

  private static RunAs of(
      long uid, Long gid, String via, List<String> owned, Dockerfile d, Dockerfile.Stage st) {
    return new RunAs(uid, gid, via, null, owned, d, st);
  }

  /** Resolves the user of a service with the shipped table only. */
  public static RunAs of(Service s) {
    return of(s, Config.NONE);
  }

  /** The table of default users: the configuration's additions, then the shipped entries. */
  public static List<Map<String, Object>> table(Config config) {
    return (config == null ? Config.NONE : config)
        .merged(TABLE, () -> Knowledge.entries(TABLE, "images"));
  }

  /**
   * Resolves the user of a service; {@code config}'s knowledge additions come before the shipped
   * table.
   */
  public static RunAs of(Service s, Config config) {
    List<Map<String, Object>> table = table(config);
    String user = s.text("user");
    Dockerfile d = null;
    Dockerfile.Stage stage = null;
    String buildWhy = null;
    if (s.has("build")) {
      Object[] b = dockerfile(s);
      if (b[0] instanceof Dockerfile df) {
        d = df;
        stage = (Dockerfile.Stage) b[1];
      } else {
        buildWhy = (String) b[1];
      }
    }
    String image = s.image();
    // a built image is described by its Dockerfile; the table then speaks for its base image
    Map<String, Object> entry = d != null ? entry(d.baseImage(stage), table) : entry(image, table);
    if (user != null) {
      return fromUserText(user.strip(), "`user: " + user.strip() + "`", d, stage, entry, image);
    }
    if (d != null) {
      String du = d.user(stage);
      if (du != null) {
        if (du.equals("$")) {
          return unknown("the Dockerfile's USER uses a build argument without a value");
        }
        return fromUserText(
            du,
            "USER " + du + " in the Dockerfile",
            d,
            stage,
            entry(d.baseImage(stage), table),
            d.baseImage(stage));
      }
      String base = d.baseImage(stage);
      if (base == null || base.contains("$")) {
        return unknown("the Dockerfile's base image is not known");
      }
      if (base.equalsIgnoreCase("scratch")) {
        return of(0, 0L, "a scratch image without USER", List.of(), d, stage);
      }
      Map<String, Object> be = entry(base, table);
      if (be == null) {
        return unknown(
            "the Dockerfile sets no USER and its base image " + base + " is not in the table");
      }
      return fromEntry(be, "base image " + base, d, stage);
    }
    if (buildWhy != null && (image == null || entry(image, table) == null)) {
      return unknown(buildWhy);
    }
    if (image == null) {
      return unknown("the service has no image");
    }
    if (ImageRef.parse(image).variables()) {
      return unknown("the image is set from a variable");
    }
    Map<String, Object> e = entry(image, table);
    if (e == null) {
      return unknown("image " + image + " is not in the table of default users");
    }
    return fromEntry(e, "image " + image, null, null);
  }

  private static RunAs fromEntry(
      Map<String, Object> e, String via, Dockerfile d, Dockerfile.Stage st) {
    Object uid = e.get("uid");
    if (!(uid instanceof Number n)) {
      return unknown(via + " has no known user");
    }
    Long gid = e.get("gid") instanceof Number g ? g.longValue() : null;
    return of(n.longValue(), gid, via + " (runs as " + n + ")", paths(e, n.longValue()), d, st);
  }

  /**
   * The paths the image creates owned by the user that runs as {@code uid}: table items are "PATH"
   * (owned by the image's default user) or "PATH=UID" (owned by that user), and the {@code open}
   * paths, which every uid may write.
   */
  private static List<String> paths(Map<String, Object> e, long uid) {
    List<String> out = new ArrayList<>();
    if (e != null && e.get("owns") instanceof List<?> l) {
      for (Object o : l) {
        String item = String.valueOf(o);
        int eq = item.lastIndexOf('=');
        String owner = eq < 0 ? String.valueOf(entryUid(e)) : item.substring(eq + 1).strip();
        if (owner.equals(Long.toString(uid))) {
          out.add(eq < 0 ? item : item.substring(0, eq).strip());
        }
      }
    }
    if (e != null && e.get("open") instanceof List<?> l) {
      // made readable and writable by every uid in the image: a new volume there copies that mode
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  /** "1000", "1000:1000", "app", "app:grp", resolved through the Dockerfile and the table. */
  private static RunAs fromUserText(
      String text,
      String via,
      Dockerfile d,
      Dockerfile.Stage st,
      Map<String, Object> entry,
      String image) {
    if (text.contains("$")) {
      return unknown(via + " comes from a variable");
    }
    String u = text;
    String g = null;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      u = text.substring(0, colon);
      g = text.substring(colon + 1);
    }
    Long uid = id(u, false, d, st, entry);
    if (uid == null) {
      return unknown(
          via
              + ": the user name '"
              + u
              + "' has no id known for "
              + (image == null ? "this service" : image));
    }
    Long gid = null;
    if (g != null && !g.isEmpty()) {
      gid = id(g, true, d, st, entry);
      // a group name that cannot be resolved: own to the user only
    } else if (!u.matches("\\d+")) {
      gid = id(u, true, d, st, entry); // the primary group: a group of the same name
    }
    if (uid == 0 && gid == null && g == null) {
      gid = 0L;
    }
    List<String> owned = paths(entry, uid);
    return of(uid, gid, via, owned, d, st);
  }

  private static Long entryUid(Map<String, Object> e) {
    return e.get("uid") instanceof Number n ? n.longValue() : null;
  }

  /**
   * The id of a user ({@code group} false) or group name: a number as written, root as 0, else what
   * the Dockerfile's stage creates or the table's {@code names} give ("uid:gid"); null when
   * unknown.
   */
  private static Long id(
      String name, boolean group, Dockerfile d, Dockerfile.Stage st, Map<String, Object> entry) {
    if (name.matches("\\d+")) {
      return num(name);
    }
    if (name.equals("root")) {
      return 0L;
    }
    if (d != null && st != null) {
      String v = d.idOf(st, name, group);
      if (v != null) {
        return num(v);
      }
    }
    if (entry != null && entry.get("names") instanceof Map<?, ?> names && names.get(name) != null) {
      String v = String.valueOf(names.get(name));
      int c = v.indexOf(':');
      String part = group ? (c >= 0 ? v.substring(c + 1) : null) : (c >= 0 ? v.substring(0, c) : v);
      return part != null ? num(part) : null;
    }
    return null;
  }

  /** The first entry of {@code table} whose pattern matches the image, or null. */
  public static Map<String, Object> entry(String image, List<Map<String, Object>> table) {
    if (image == null || image.isBlank()) {
      return null;
    }
    ImageRef ref = ImageRef.parse(image);
    if (ref.variables()) {
      return null;
    }
    for (Map<String, Object> e : table) {
      Object pats = e.get("image");
      List<?> list = pats instanceof List<?> l ? l : List.of(String.valueOf(pats));
      for (Object p : list) {
        if (Knowledge.matches(ref, String.valueOf(p))) {
          return e;
        }
      }
    }
    return null;
  }

  /** [Dockerfile, Stage] or [null, why]. */
  private static Object[] dockerfile(Service s) {
    ComposeFile f = s.file();
    YNode b = s.get("build");
    String context;
    String file = "Dockerfile";
    String target = null;
    String inline = null;
    Map<String, String> args = new HashMap<>();
    if (b instanceof YNode.Scalar sc && !sc.isNull()) {
      context = sc.value;
    } else if (b instanceof YNode.Mapping m) {
      context = text(m.get("context"));
      if (context == null) {
        context = ".";
      }
      if (text(m.get("dockerfile")) != null) {
        file = text(m.get("dockerfile"));
      }
      target = text(m.get("target"));
      inline = text(m.get("dockerfile_inline"));
      YNode a = m.get("args");
      if (a instanceof YNode.Mapping am) {
        for (YNode.Entry e : am.entries) {
          if (e.keyText() != null && text(e.value()) != null) {
            args.put(e.keyText(), text(e.value()));
          }
        }
      } else if (a instanceof YNode.Sequence as) {
        for (YNode i : as.items) {
          String t = text(i);
          if (t != null && t.indexOf('=') > 0) {
            args.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
          }
        }
      }
    } else {
      return new Object[] {null, "its build section cannot be read"};
    }
    if (target != null && target.contains("$")) {
      return new Object[] {null, "its build target comes from a variable"};
    }
    String text;
    if (inline != null) {
      text = inline;
    } else {
      if (f.path == null) {
        return new Object[] {
          null, "its Dockerfile cannot be read (the compose file's location is not known)"
        };
      }
      if (context.contains("$")
          || context.contains("://")
          || context.startsWith("git@")
          || file.contains("$")) {
        return new Object[] {null, "its build context " + context + " is not a local directory"};
      }
      Path dir = f.path.toAbsolutePath().getParent();
      if (dir == null) {
        return new Object[] {null, "its Dockerfile cannot be found"};
      }
      try {
        Path ctx = dir.resolve(context).normalize();
        Path df = ctx.resolve(file).normalize();
        if (!Files.isRegularFile(df) || Files.size(df) > 1_000_000) {
          return new Object[] {null, "its Dockerfile " + context + "/" + file + " cannot be read"};
        }
        text = Files.readString(df);
      } catch (IOException | RuntimeException e) {
        return new Object[] {null, "its Dockerfile " + context + "/" + file + " cannot be read"};
      }
    }
    Dockerfile d = Dockerfile.parse(text, args);
    Dockerfile.Stage st = d.stage(target);
    if (st == null) {
      return new Object[] {
        null,
        target == null ? "its Dockerfile has no FROM" : "its Dockerfile has no stage " + target
      };
    }
    return new Object[] {d, st};
  }

  /** A user or group id: digits that fit an id (up to 2^32 - 1), else null. */
  public static Long num(String s) {
    if (s == null || !s.matches("\\d{1,10}")) {
      return null;
    }
    long v = Long.parseLong(s);
    return v <= 0xFFFFFFFFL ? v : null;
  }

  private static String text(YNode n) {
    return n != null && n.resolve() instanceof YNode.Scalar s && !s.isNull() ? s.value : null;
  }
}
