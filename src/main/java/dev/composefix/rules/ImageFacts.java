package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.config.Config;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.rule.RuleContext;
import dev.composefix.yaml.Render;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runtime table (knowledge/runtime.yaml) says about a service's image: its kind, the paths
 * it writes outside its volumes, the capabilities it needs, whether it brings its own init.
 */
final class ImageFacts {
  static final String TABLE = "runtime";
  static final String GENERIC_KIND = "app";

  /** One table entry. Null lists mean "not known"; sized is false for an entry without a kind. */
  record Entry(
      String pattern,
      String kind,
      List<String> tmpfs,
      List<String> capAdd,
      boolean ownInit,
      String stopGracePeriod,
      String source,
      String setuid,
      String setuidWithUser,
      boolean sized) {}

  private ImageFacts() {}

  /**
   * The table entry for a service's image, or null when the image is not in the table, is not
   * given, has variables in its name, or is built here (a build can make anything of the name).
   */
  static Entry of(Service s) {
    return of(s, Config.NONE);
  }

  /** As {@link #of(Service)}, with the configuration's runtime entries before the shipped ones. */
  static Entry of(Service s, Config config) {
    String image = s.image();
    if (image == null || s.has("build")) {
      return null;
    }
    // the same image is asked about by several rules, for many services: matched once per
    // configuration
    Config c = config == null ? Config.NONE : config;
    Map<String, Optional<Entry>> memo = c.derived("image-facts", x -> new ConcurrentHashMap<>());
    return memo.computeIfAbsent(image, i -> Optional.ofNullable(lookup(i, c))).orElse(null);
  }

  /**
   * Reports, without a fix, that the runtime table does not know enough of the service's image
   * ({@code facts} is null or lacks the field) to size a fix: "service 'S' {@code problem}; the
   * runtime table does not know {@code question} its image {@code advice}".
   */
  static void reportUnknown(
      RuleContext ctx, Service s, Entry facts, String problem, String question, String advice) {
    ctx.report(
        s.key,
        s,
        "service '"
            + s.name
            + "' "
            + problem
            + "; the runtime table does not know "
            + question
            + (facts == null ? " its image " : " image '" + s.image() + "' ")
            + advice);
  }

  private static Entry lookup(String image, Config config) {
    ImageRef ref = ImageRef.parse(image);
    if (ref.name().contains("$") || ref.name().isEmpty()) {
      return null;
    }
    for (Map<String, Object> e : images(config)) {
      for (String pattern : strings(e.get("match"))) {
        if (Knowledge.matches(ref, pattern)) {
          return new Entry(
              pattern,
              (String) e.getOrDefault("kind", GENERIC_KIND),
              e.containsKey("tmpfs") ? strings(e.get("tmpfs")) : null,
              e.containsKey("cap_add") ? strings(e.get("cap_add")) : null,
              Boolean.TRUE.equals(e.get("own_init")),
              e.get("stop_grace_period") == null
                  ? null
                  : String.valueOf(e.get("stop_grace_period")),
              String.valueOf(e.get("source")),
              e.get("setuid") == null ? null : String.valueOf(e.get("setuid")),
              e.get("setuid_with_user") == null ? null : String.valueOf(e.get("setuid_with_user")),
              e.containsKey("kind"));
        }
      }
    }
    return null;
  }

  /**
   * The image entries: the configuration's additions, then the shipped ones (the first match wins).
   */
  static List<Map<String, Object>> images(Config config) {
    return (config == null ? Config.NONE : config)
        .merged(TABLE, () -> Knowledge.entries(TABLE, "images"));
  }

  /** The kind of a service: from the table, else the generic app kind. */
  static String kind(Service s, Config config) {
    Entry e = of(s, config);
    return e == null ? GENERIC_KIND : e.kind();
  }

  /**
   * The sizes of a kind: limits, reservations, pids_limit, stop_grace_period. A size class of the
   * configuration replaces the fields it gives of the shipped class of that name; an unknown kind
   * has the generic app kind's sizes.
   */
  static Map<String, Object> sizes(String kind, Config config) {
    Map<String, Map<String, Object>> kinds = kinds(config == null ? Config.NONE : config);
    Map<String, Object> k = kinds.get(kind);
    return k != null ? k : kinds.get(GENERIC_KIND);
  }

  /** Every size class, merged once per configuration. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> kinds(Config config) {
    return config.derived(
        TABLE + ":kinds",
        c -> {
          if (!(Knowledge.load(TABLE) instanceof Map<?, ?> root
              && root.get("kinds") instanceof Map<?, ?> shipped)) {
            throw new IllegalStateException("knowledge/runtime.yaml has no kinds");
          }
          Map<String, Map<String, Object>> out = new LinkedHashMap<>();
          shipped.forEach((k, v) -> out.put(String.valueOf(k), (Map<String, Object>) v));
          for (Map<String, Object> mine : c.knowledge("sizes")) {
            String name = String.valueOf(mine.get("kind"));
            Map<String, Object> merged = new LinkedHashMap<>(out.getOrDefault(name, Map.of()));
            mine.forEach(
                (k, v) -> {
                  if (!k.equals("kind")) {
                    merged.put(k, v);
                  }
                });
            out.put(name, merged);
          }
          return out;
        });
  }

  /**
   * A resources map (memory, cpus) from the table, cpus quoted as compose files usually write them.
   */
  static Map<String, Object> resources(Object table) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (table instanceof Map<?, ?> m) {
      if (m.get("memory") != null) {
        out.put("memory", String.valueOf(m.get("memory")));
      }
      if (m.get("cpus") != null) {
        out.put("cpus", new Render.Quoted(String.valueOf(m.get("cpus"))));
      }
    }
    return out;
  }

  /** The /tmp tmpfs entry every read-only service gets. */
  static String tmp() {
    return Knowledge.load(TABLE) instanceof Map<?, ?> root && root.get("tmp") != null
        ? String.valueOf(root.get("tmp"))
        : "/tmp";
  }

  /** A list under init: (shells, runtimes, inits). */
  static List<String> initList(String key) {
    if (Knowledge.load(TABLE) instanceof Map<?, ?> root
        && root.get("init") instanceof Map<?, ?> init) {
      return strings(init.get(key));
    }
    return List.of();
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    } else if (o != null) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /**
   * The path of a tmpfs or volume entry's container side: {@code /tmp:size=1m} gives {@code /tmp}.
   */
  static String tmpfsPath(String entry) {
    int c = entry.indexOf(':');
    return normalize(c < 0 ? entry : entry.substring(0, c));
  }

  static String normalize(String path) {
    String p = path.strip();
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * Container paths a service already mounts (volumes, short and long syntax, and tmpfs). A
   * read-only mount is listed with a leading "ro:" (it takes the path, but does not make it
   * writable).
   */
  static List<String> mountTargets(Service s) {
    List<String> out = new ArrayList<>();
    if (s.get("volumes") instanceof YNode.Sequence vs) {
      for (YNode i : vs.items) {
        YNode v = i.resolve();
        if (v instanceof YNode.Scalar sc && !sc.isNull()) {
          String[] parts = sc.value.split(":");
          boolean ro = parts.length >= 3 && List.of(parts[2].split(",")).contains("ro");
          out.add((ro ? "ro:" : "") + normalize(parts.length >= 2 ? parts[1] : parts[0]));
        } else if (v instanceof YNode.Mapping m && Fixes.text(m.get("target")) != null) {
          boolean ro = "true".equals(Fixes.text(m.get("read_only")));
          out.add((ro ? "ro:" : "") + normalize(Fixes.text(m.get("target"))));
        }
      }
    }
    YNode t = s.get("tmpfs");
    if (t instanceof YNode.Sequence ts) {
      for (YNode i : ts.items) {
        String v = Fixes.text(i);
        if (v != null) {
          out.add(tmpfsPath(v));
        }
      }
    } else if (Fixes.text(t) != null) {
      out.add(tmpfsPath(Fixes.text(t)));
    }
    return out;
  }

  /**
   * Whether {@code path} needs no tmpfs: something is mounted at it already (a second mount there
   * would clash), or a writable mount above it makes it writable.
   */
  static boolean covered(String path, List<String> targets) {
    for (String t : targets) {
      boolean ro = t.startsWith("ro:");
      String p = ro ? t.substring(3) : t;
      if (path.equals(p) || (!ro && path.startsWith(p.endsWith("/") ? p : p + "/"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The words of a command or entrypoint (a string split on blanks, or a list), or an empty list.
   */
  static List<String> words(YNode n) {
    List<String> out = new ArrayList<>();
    if (n instanceof YNode.Scalar sc && !sc.isNull()) {
      for (String w : sc.value.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    } else if (n instanceof YNode.Sequence q) {
      for (YNode i : q.items) {
        String v = Fixes.text(i);
        if (v == null) {
          return List.of();
        }
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The program a word names, without its directory: {@code /usr/bin/python3} gives {@code
   * python3}.
   */
  static String program(String word) {
    String w = unquote(word.strip());
    return w.substring(w.lastIndexOf('/') + 1);
  }

  /** Drops one quote (" or ') at the start and one at the end, each if present. */
  private static String unquote(String w) {
    int from = !w.isEmpty() && (w.charAt(0) == '"' || w.charAt(0) == '\'') ? 1 : 0;
    int to =
        w.length() > from && (w.charAt(w.length() - 1) == '"' || w.charAt(w.length() - 1) == '\'')
            ? w.length() - 1
            : w.length();
    return w.substring(from, to);
  }
}
