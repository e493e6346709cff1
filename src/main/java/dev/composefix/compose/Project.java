package dev.composefix.compose;

import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files compose merges into one application model, lowest priority first: each file's {@code
 * include}d files, then the file; for {@code -f a -f b} the files in that order; for a directory,
 * compose's default pair (compose.yaml or docker-compose.yml, then its override file).
 *
 * <p>Each file is still fixed alone, by the engine; the project only lets a file's services be read
 * through the merged view ({@link Service#get}), and says which file owns a service (the first
 * layer that defines it): only that file's run judges and edits it.
 */
public final class Project {
  /** Compose's default file names, in its order of preference. */
  static final List<String> DEFAULT_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  static final List<String> DEFAULT_OVERRIDES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");
  private static final Pattern OVERRIDE_NAME = Pattern.compile("(.+)\\.override\\.(ya?ml)");
  private static final int MAX_INCLUDE_DEPTH = 16;
  private static final int MAX_EXTENDS_DEPTH = 16;

  private final List<Path> layers;
  private final Sources files;

  /**
   * Layers whose place in the project is only inferred from their names (X.override.yml over
   * X.yml).
   */
  private final Set<Integer> inferred;

  private Project(List<Path> layers, Sources files, Set<Integer> inferred) {
    this.layers = List.copyOf(layers);
    this.files = files;
    this.inferred = Set.copyOf(inferred);
  }

  public List<Path> layers() {
    return layers;
  }

  /** A file's place in a project. */
  public static final class Member {
    final Project project;
    final int index;

    Member(Project project, int index) {
      this.project = project;
      this.index = index;
    }

    public Project project() {
      return project;
    }

    /**
     * False for an override file whose base is only guessed from its name, and for a file whose
     * earlier layers cannot all be read (what they define is unknown).
     */
    public boolean knownRole() {
      if (project.inferred.contains(index)) {
        return false;
      }
      for (int i = 0; i < index; i++) {
        if (project.files.load(project.layers.get(i)) == null) {
          return false;
        }
      }
      return true;
    }

    ComposeFile layer(int i, ComposeFile live) {
      return i == index ? live : project.files.load(project.layers.get(i));
    }

    /** The index of the first layer that defines the service, or -1. */
    int owner(String service, ComposeFile live) {
      for (int i = 0; i < project.layers.size(); i++) {
        ComposeFile f = layer(i, live);
        if (f != null && f.service(service) != null) {
          return i;
        }
      }
      return -1;
    }

    boolean owns(String service, ComposeFile live) {
      int o = owner(service, live);
      return o < 0 || o == index;
    }

    /** Every service name of the project, in layer order. */
    Set<String> serviceNames(ComposeFile live) {
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < project.layers.size(); i++) {
        ComposeFile f = layer(i, live);
        if (f != null) {
          out.addAll(f.serviceNames());
        }
      }
      return out;
    }

    /** The merged view of a service of the project, read in the file that owns it. */
    Service view(String service, ComposeFile live) {
      int o = owner(service, live);
      if (o < 0) {
        return null;
      }
      if (o == index) {
        return live.service(service);
      }
      ComposeFile f = layer(o, live);
      return ComposeFile.with(f, new Member(project, o)).service(service);
    }

    /**
     * The mappings that make up a service, lowest priority first, and which one is the live file's
     * own.
     */
    Chain chain(Service s) {
      List<YNode.Mapping> maps = new ArrayList<>();
      int live = -1;
      boolean broken = false;
      for (int i = 0; i < project.layers.size(); i++) {
        ComposeFile f = layer(i, s.file());
        Service ls = f == null ? null : f.service(s.name);
        if (ls == null || ls.own == null) {
          continue;
        }
        broken |= !extendsChain(f, ls, maps, 0, project.files);
        if (i == index) {
          live = maps.size();
        }
        maps.add(ls.own);
      }
      return new Chain(maps, live, broken);
    }
  }

  /**
   * A service's layers: the mappings merged, the index of the live own mapping, and whether an
   * extends failed.
   */
  record Chain(List<YNode.Mapping> maps, int live, boolean broken) {}

  /** A chain for a file outside any project: extends followed within the file only. */
  static Chain alone(Service s) {
    List<YNode.Mapping> maps = new ArrayList<>();
    boolean ok = s.own == null || extendsChain(s.file(), s, maps, 0, null);
    int live = maps.size();
    if (s.own != null) {
      maps.add(s.own);
    }
    return new Chain(maps, live, !ok);
  }

  /**
   * Adds what a service inherits through {@code extends} (the extended service's own chain, then
   * its mapping). Returns false when the extended service cannot be found.
   */
  static boolean extendsChain(
      ComposeFile f, Service s, List<YNode.Mapping> out, int depth, Sources files) {
    YNode ext = Service.lookup(s.own, "extends", 0);
    if (ext == null) {
      return true;
    }
    if (depth > MAX_EXTENDS_DEPTH) {
      return false;
    }
    String target;
    String file = null;
    if (ext instanceof YNode.Scalar sc && !sc.isNull()) {
      target = sc.value;
    } else if (ext instanceof YNode.Mapping m && m.get("service") instanceof YNode.Scalar sv) {
      target = sv.value;
      file = m.get("file") instanceof YNode.Scalar fv && !fv.isNull() ? fv.value : null;
    } else {
      return false;
    }
    ComposeFile tf = f;
    if (file != null) {
      if (files == null || f.path == null || file.contains("${") || file.contains("://")) {
        return false;
      }
      Path p = f.path.toAbsolutePath().normalize().getParent().resolve(file).normalize();
      tf = files.load(p);
    }
    Service t = tf == null ? null : tf.service(target);
    if (t == null || t.own == null || (tf == f && t == s)) {
      return false;
    }
    if (!extendsChain(tf, t, out, depth + 1, files)) {
      return false;
    }
    out.add(t.own);
    return true;
  }

  /**
   * The files of all projects as they are on disk: each read once, and parsed once per thread
   * (parsed trees are not shared between threads: they build lookup indexes lazily).
   */
  public static final class Sources {
    private final Map<Path, Optional<String>> texts = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<Path, Optional<ComposeFile>>> parsed =
        ThreadLocal.withInitial(HashMap::new);

    /**
     * Hands over a file's text already read (thread-safe): the first text given for a path stays.
     */
    public void preload(Path path, String text) {
      texts.putIfAbsent(path.toAbsolutePath().normalize(), Optional.of(text));
    }

    /** The file as it is on disk, or null when it cannot be read as a compose file. */
    public ComposeFile load(Path path) {
      Path key = path.toAbsolutePath().normalize();
      return parsed
          .get()
          .computeIfAbsent(
              key,
              k ->
                  text(k)
                      .flatMap(
                          t -> {
                            try {
                              return Optional.of(
                                  ComposeFile.of(Document.parse(t), k.toString(), k));
                            } catch (RuntimeException | YamlException | StackOverflowError e) {
                              return Optional.empty();
                            }
                          }))
          .orElse(null);
    }

    private Optional<String> text(Path k) {
      return texts.computeIfAbsent(
          k,
          x -> {
            try {
              if (!Files.isRegularFile(x) || Files.size(x) > 16L * 1024 * 1024) {
                return Optional.empty();
              }
              return Optional.of(Files.readString(x));
            } catch (IOException | RuntimeException e) {
              return Optional.empty();
            }
          });
    }

    /**
     * Whether a text may have a top-level {@code include}: the word at the start of a line (quoted
     * or not), or anywhere in a file written in flow style. Only such a file is parsed here, before
     * the run proper: most files are not, and a first parse in a cold process is slow.
     */
    static boolean mayInclude(String t) {
      int i = t.indexOf("include");
      if (i < 0) {
        return false;
      }
      for (int k = 0; k < t.length(); k++) {
        char c = t.charAt(k);
        if (c == '{') {
          return true; // a flow mapping at the top: look properly
        }
        if (c == '#') {
          int nl = t.indexOf('\n', k);
          k = nl < 0 ? t.length() : nl;
          continue;
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\uFEFF') {
          break;
        }
      }
      for (; i >= 0; i = t.indexOf("include", i + 1)) {
        int at = i > 0 && (t.charAt(i - 1) == '"' || t.charAt(i - 1) == '\'') ? i - 1 : i;
        if (at == 0 || t.charAt(at - 1) == '\n' || t.charAt(at - 1) == '\uFEFF') {
          return true;
        }
      }
      return false;
    }

    /**
     * The local files a file includes (recursively, each include before the file that names it).
     */
    void includes(Path file, List<Path> out, Set<Path> seen, int depth) {
      if (!text(file.toAbsolutePath().normalize()).map(Sources::mayInclude).orElse(false)) {
        return;
      }
      ComposeFile f = load(file);
      if (f == null
          || depth > MAX_INCLUDE_DEPTH
          || !(f.top("include") instanceof YNode.Sequence seq)) {
        return;
      }
      for (YNode item : seq.items) {
        List<String> refs = new ArrayList<>();
        YNode i = item.resolve();
        if (i instanceof YNode.Scalar sc && !sc.isNull()) {
          refs.add(sc.value);
        } else if (i instanceof YNode.Mapping m) {
          YNode p = m.get("path");
          if (p instanceof YNode.Scalar sc) {
            refs.add(sc.value);
          } else if (p instanceof YNode.Sequence ps) {
            for (YNode x : ps.items) {
              if (x.resolve() instanceof YNode.Scalar sc) {
                refs.add(sc.value);
              }
            }
          }
        }
        for (String r : refs) {
          if (r.contains("${")
              || r.contains("://")
              || r.startsWith("oci:")
              || r.startsWith("git@")) {
            continue;
          }
          Path p = file.toAbsolutePath().normalize().getParent().resolve(r).normalize();
          if (seen.add(p)) {
            includes(p, out, seen, depth + 1);
            out.add(p);
          }
        }
      }
    }
  }

  /**
   * Groups the files to fix into projects. {@code explicit} (the -f list, possibly empty) is one
   * project, in its order. Every other file joins, in this order of precedence: the default project
   * of its directory (compose.yaml or docker-compose.yml plus the default override file), the
   * project an {@code X.override.yml} forms with its {@code X.yml} (inferred: the override's own
   * services stay report-only), or a project of its own. Included files join the project that
   * includes them.
   */
  public static Map<Path, Member> plan(Collection<Path> toFix, List<Path> explicit, Sources files) {
    return plan(toFix, explicit, files, p -> null);
  }

  /**
   * As {@link #plan(Collection, List, Sources)}; {@code declaredOverlay} says, per file, what its
   * configuration declares (true: an overlay of the base file beside it; false: a file of its own;
   * null: not declared). Without a declaration, a file beside a base file whose services only
   * complete the base's (each is named in the base, or has no image, build or extends) is read as
   * an overlay of it: its services are judged merged with the base, and only the file that defines
   * a service fixes it.
   */
  public static Map<Path, Member> plan(
      Collection<Path> toFix,
      List<Path> explicit,
      Sources files,
      Function<Path, Boolean> declaredOverlay) {
    Map<Path, Member> out = new HashMap<>();
    if (!explicit.isEmpty()) {
      assign(out, layered(explicit, files), Set.of(), files);
    }
    List<Path> sorted = toFix.stream().map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : sorted) {
      dirs.add(p.getParent());
    }
    for (Path dir : dirs) {
      Path main = first(dir, DEFAULT_NAMES);
      if (main == null || out.containsKey(main)) {
        continue;
      }
      List<Path> group = new ArrayList<>(List.of(main));
      Path ovr = first(dir, DEFAULT_OVERRIDES);
      if (ovr != null && !out.containsKey(ovr)) {
        group.add(ovr);
      }
      assign(out, layered(group, files), Set.of(), files);
    }
    for (Path p : sorted) {
      if (out.containsKey(p)) {
        continue;
      }
      Matcher m = OVERRIDE_NAME.matcher(p.getFileName().toString());
      if (m.matches()) {
        for (String ext : List.of("yml", "yaml")) {
          Path base = p.resolveSibling(m.group(1) + "." + ext);
          if (!base.equals(p) && Files.isRegularFile(base) && !out.containsKey(base)) {
            List<Path> layers = layered(List.of(base, p), files);
            assign(out, layers, Set.of(layers.indexOf(p)), files);
            break;
          }
        }
      }
      if (!out.containsKey(p) && !m.matches()) {
        Path base = first(p.getParent(), DEFAULT_NAMES);
        Boolean declared = declaredOverlay.apply(p);
        if (base != null
            && !base.equals(p)
            && !Boolean.FALSE.equals(declared)
            && (Boolean.TRUE.equals(declared) || overlays(files.load(p), files.load(base)))) {
          List<Path> group = new ArrayList<>(List.of(base));
          Path ovr = first(p.getParent(), DEFAULT_OVERRIDES);
          if (ovr != null && !ovr.equals(p)) {
            group.add(ovr);
          }
          group.add(p);
          List<Path> layers = layered(group, files);
          Project pr = new Project(layers, files, Set.of());
          out.put(p, new Member(pr, layers.indexOf(p)));
        }
      }
      if (!out.containsKey(p)) {
        boolean override = ComposeFile.overrideName(p.getFileName().toString());
        List<Path> layers = layered(List.of(p), files);
        assign(out, layers, override ? Set.of(layers.indexOf(p)) : Set.of(), files);
      }
    }
    return out;
  }

  /**
   * Whether a file completes a base file rather than standing alone: at least one of its services
   * has neither image, build nor extends (compose could not run it without the base), and none of
   * the services it shares with the base is defined again in full (with an image or build: such a
   * file, a production copy of the base, say, is used on its own with -f).
   */
  static boolean overlays(ComposeFile f, ComposeFile base) {
    if (f == null || base == null || f.servicesNode == null || f.serviceNames().isEmpty()) {
      return false;
    }
    int partial = 0;
    for (String n : f.serviceNames()) {
      Service s = f.service(n);
      boolean full =
          s.own == null
              || Service.lookup(s.own, "image", 0) != null
              || Service.lookup(s.own, "build", 0) != null
              || Service.lookup(s.own, "extends", 0) != null;
      if (full && base.service(n) != null) {
        return false;
      }
      partial += full ? 0 : 1;
    }
    return partial > 0;
  }

  private static Path first(Path dir, List<String> names) {
    for (String n : names) {
      Path p = dir.resolve(n);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** The files with their includes, each include before the file that names it. */
  private static List<Path> layered(List<Path> top, Sources files) {
    List<Path> out = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Path t : top) {
      Path p = t.toAbsolutePath().normalize();
      if (seen.add(p)) {
        files.includes(p, out, seen, 0);
        out.add(p);
      }
    }
    return out;
  }

  private static void assign(
      Map<Path, Member> out, List<Path> layers, Set<Integer> inferred, Sources files) {
    Project pr = new Project(layers, files, inferred);
    for (int i = 0; i < layers.size(); i++) {
      out.putIfAbsent(layers.get(i), new Member(pr, i));
    }
  }

  /** A project of one file (plus its includes) for callers that fix one file alone. */
  public static Member single(Path file, Sources files) {
    Path p = file.toAbsolutePath().normalize();
    List<Path> layers = layered(List.of(p), files);
    return new Member(new Project(layers, files, Set.of()), layers.indexOf(p));
  }
}
