package dev.composefix.config;

import dev.composefix.knowledge.KnowledgeSchema;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@code .composefix.yaml}: rule selection, excluded paths, per-service ignores and knowledge
 * additions. Parsed with the project's own YAML layer so that every error has its exact line and
 * column; unknown keys and wrong types are errors. The format is documented in
 * docs/configuration.md and docs/composefix-config.schema.json.
 *
 * <p>Knowledge additions are exposed by {@link #knowledge(String)} as lists of maps shaped like the
 * entries of the shipped tables (knowledge/users.yaml and healthchecks.yaml {@code images},
 * runtime.yaml {@code images} and {@code kinds}): values are checked and normalized to String,
 * Integer, Boolean, List&lt;String&gt; or Map&lt;String, String&gt; as {@link KnowledgeSchema}
 * says, so one loader reads a user's entry exactly as a shipped one. Rules search {@link
 * #merged(String, Supplier)}: the user's entries first, computed once per configuration.
 */
public final class Config {
  /** The file name looked for in a compose file's directory and above. */
  public static final String FILE_NAME = ".composefix.yaml";

  /** No configuration: every value absent. */
  public static final Config NONE =
      new Config(null, null, null, List.of(), null, Map.of(), Map.of(), null, null, Declared.NONE);

  /**
   * What a project says about itself: per glob, the purpose of its files ({@code production} or
   * {@code development}) and whether a file is an overlay of the base beside it; and its logging
   * choice (driver, max-size, max-file), which log-rotation then applies as a safe fix.
   */
  public record Declared(
      Map<String, String> purpose, Map<String, Boolean> overlay, Map<String, String> logging) {
    static final Declared NONE = new Declared(Map.of(), Map.of(), Map.of());
  }

  private final Declared declared;

  /** The project's declarations ({@code purpose}, {@code overlay}, {@code logging}). */
  public Declared declared() {
    return declared;
  }

  /**
   * The value of the first glob of {@code byGlob} that matches the file (as exclude globs match),
   * or null.
   */
  public <T> T forFile(Map<String, T> byGlob, Path file) {
    if (byGlob.isEmpty() || file == null) {
      return null;
    }
    Path abs = file.toAbsolutePath().normalize();
    Path rel = relative(abs);
    for (Map.Entry<String, T> e : byGlob.entrySet()) {
      Glob g = derived("glob:" + e.getKey(), c -> Glob.of(e.getKey()));
      if (g.matches(abs, rel, 1, null)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * A compiled path glob, as the configuration writes them (relative to its directory, a leading
   * "./" and a trailing "/" dropped); {@code slash} tells whether it names a path rather than a
   * single file or directory name.
   */
  private record Glob(PathMatcher matcher, boolean slash) {
    static Glob of(String glob) {
      String g = stripDot(glob);
      return new Glob(FileSystems.getDefault().getPathMatcher("glob:" + g), g.contains("/"));
    }

    /**
     * Whether it matches the path {@code rel} (relative to the configuration's directory; null
     * outside it) or the path of one of its directories, from the {@code from}th name on; a glob
     * without a slash also matches any single name below {@code top} (the searched directory, or
     * null).
     */
    boolean matches(Path abs, Path rel, int from, Path top) {
      if (rel != null) {
        for (int n = from; n <= rel.getNameCount(); n++) {
          if (matcher.matches(rel.subpath(0, n))) {
            return true;
          }
        }
      }
      if (!slash) {
        Path below =
            rel != null
                ? rel.subpath(from - 1, rel.getNameCount())
                : top != null && abs.startsWith(top) && !abs.equals(top)
                    ? top.relativize(abs)
                    : abs.getFileName();
        for (Path name : below) {
          if (matcher.matches(name)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** A normalized absolute path relative to {@link #baseDir()}, or null when it lies outside. */
  private Path relative(Path abs) {
    Path base = baseDir();
    return abs.startsWith(base) ? base.relativize(abs) : null;
  }

  /** Where it was read from, or null for {@link #NONE}. */
  public final Path path;

  /** Rule ids to run instead of the default set, or null when the file does not say. */
  public final List<String> select;

  /** Rule ids not to run, or null when the file does not say. */
  public final List<String> ignore;

  /** Path globs, relative to the configuration file's directory. */
  public final List<String> exclude;

  /** unsafe-fixes, or null when the file does not say. */
  public final Boolean unsafeFixes;

  /** Service name to the rule ids whose findings are suppressed for that service. */
  public final Map<String, List<String>> perService;

  /**
   * docs-url: where the rule docs are published, for the reports' links; null when the file does
   * not say.
   */
  public final String docsUrl;

  /** group-by: "file" or "rule" for the markdown report; null when the file does not say. */
  public final String groupBy;

  private final Map<String, List<Map<String, Object>>> knowledge;
  private final List<Glob> excludeGlobs = new ArrayList<>();
  private final Map<String, Object> derived = new ConcurrentHashMap<>();

  Config(
      Path path,
      List<String> select,
      List<String> ignore,
      List<String> exclude,
      Boolean unsafeFixes,
      Map<String, List<String>> perService,
      Map<String, List<Map<String, Object>>> knowledge,
      String docsUrl,
      String groupBy,
      Declared declared) {
    this.declared = declared;
    this.docsUrl = docsUrl;
    this.groupBy = groupBy;
    this.path = path;
    this.select = select;
    this.ignore = ignore;
    this.exclude = List.copyOf(exclude);
    this.unsafeFixes = unsafeFixes;
    this.perService = Collections.unmodifiableMap(perService);
    this.knowledge = Collections.unmodifiableMap(knowledge);
    for (String g : exclude) {
      excludeGlobs.add(Glob.of(g));
    }
  }

  /**
   * The user's additions to a knowledge table ("users", "healthchecks", "runtime", "sizes"), in the
   * order written, or an empty list. Each entry is an unmodifiable map with the keys of {@link
   * KnowledgeSchema#TABLES}; a sizes entry also has its class name under {@code kind}.
   */
  public List<Map<String, Object>> knowledge(String table) {
    List<Map<String, Object>> l = knowledge.get(table);
    return l == null ? List.of() : l;
  }

  /**
   * The user's additions followed by the shipped entries: the first match wins, so the user's do.
   */
  public static List<Map<String, Object>> withShipped(
      Config c, String table, List<Map<String, Object>> shipped) {
    List<Map<String, Object>> mine = c == null ? List.of() : c.knowledge(table);
    if (mine.isEmpty()) {
      return shipped;
    }
    List<Map<String, Object>> out = new ArrayList<>(mine);
    out.addAll(shipped);
    return out;
  }

  /**
   * The user's additions followed by the shipped entries of a table, computed once per
   * configuration (the merged list is shared by every file and rule under it).
   */
  public List<Map<String, Object>> merged(
      String table, Supplier<List<Map<String, Object>>> shipped) {
    if (knowledge(table).isEmpty()) {
      return shipped.get();
    }
    return derived("merged:" + table, c -> withShipped(c, table, shipped.get()));
  }

  /**
   * A value computed from this configuration once and kept with it (for instance a rule's view of a
   * merged knowledge table); {@code key} names it.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(String key, Function<Config, T> compute) {
    Object v = derived.get(key);
    if (v == null) {
      v = compute.apply(this);
      Object prev = derived.putIfAbsent(key, v);
      if (prev != null) {
        v = prev;
      }
    }
    return (T) v;
  }

  private static String stripDot(String glob) {
    String g = glob;
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    return g.endsWith("/") && g.length() > 1 ? g.substring(0, g.length() - 1) : g;
  }

  /** The directory exclude globs are relative to (the configuration file's directory). */
  public Path baseDir() {
    return path == null
        ? Path.of("").toAbsolutePath()
        : path.toAbsolutePath().normalize().getParent();
  }

  /**
   * Whether a file is excluded: a glob matches its path relative to {@link #baseDir()}, or the path
   * of one of the directories it is in; a glob without a slash also matches any single file or
   * directory name (as in .gitignore), so {@code test} excludes every directory named test.
   */
  public boolean excludes(Path file) {
    return excludes(file, null);
  }

  /**
   * As {@link #excludes(Path)} for a file found by searching the directory {@code searched}: only
   * the part of the path below that directory is matched, so a directory named on the command line
   * is searched even when a glob matches it (as a file named there is processed).
   */
  public boolean excludes(Path file, Path searched) {
    if (excludeGlobs.isEmpty()) {
      return false;
    }
    Path abs = file.toAbsolutePath().normalize();
    Path base = baseDir();
    Path rel = relative(abs);
    Path top = searched == null ? null : searched.toAbsolutePath().normalize();
    int from = 1;
    if (rel != null && top != null && top.startsWith(base) && !top.equals(base)) {
      from = base.relativize(top).getNameCount() + 1;
    }
    for (Glob g : excludeGlobs) {
      if (g.matches(abs, rel, from, top)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The nearest configuration file for a compose file in {@code dir}: {@value #FILE_NAME} in that
   * directory or above it, stopping at the filesystem root or at a directory that holds .git (the
   * top of a repository, searched itself). Null when there is none.
   */
  public static Path find(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path c = d.resolve(FILE_NAME);
      if (Files.isRegularFile(c)) {
        return c;
      }
      if (Files.exists(d.resolve(".git"))) {
        return null;
      }
    }
    return null;
  }

  /**
   * Reads and checks a configuration file; errors carry the line and column. {@code ruleIds} are
   * the rule ids it may name (besides ALL).
   */
  public static Config load(Path file, Set<String> ruleIds) throws YamlException, IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 1024 * 1024) {
      throw new YamlException("too large for a configuration file");
    }
    String text =
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    return parse(text, file, ruleIds);
  }

  /**
   * Parses configuration text; {@code path} is where it lives (exclude globs are relative to it),
   * or null; {@code ruleIds} as for {@link #load}.
   */
  public static Config parse(String text, Path path, Set<String> ruleIds) throws YamlException {
    Document doc = Document.parse(text);
    Reader r = new Reader(doc, ruleIds);
    if (doc.root == null || doc.root instanceof YNode.Scalar s && s.isNull()) {
      return new Config(
          path, null, null, List.of(), null, Map.of(), Map.of(), null, null, Declared.NONE);
    }
    YNode.Mapping root = r.mapping(doc.root, "the configuration");
    List<String> select = null;
    List<String> ignore = null;
    List<String> exclude = List.of();
    Boolean unsafe = null;
    String docsUrl = null;
    String groupBy = null;
    Map<String, List<String>> perService = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> knowledge = Map.of();
    Map<String, String> purpose = new LinkedHashMap<>();
    Map<String, Boolean> overlay = new LinkedHashMap<>();
    Map<String, String> logging = new LinkedHashMap<>();
    for (YNode.Entry e : root.entries) {
      String key = r.key(e);
      YNode v = e.value().resolve();
      switch (key) {
        case "select" -> select = r.ruleIds(v, key);
        case "ignore" -> ignore = r.ruleIds(v, key);
        case "exclude" -> exclude = r.globs(v);
        case "unsafe-fixes" -> unsafe = r.bool(v, key);
        case "docs-url" -> {
          if (!(v instanceof YNode.Scalar sc) || sc.isNull() || checkDocsUrl(sc.value) != null) {
            throw r.error(
                v,
                "docs-url must be an absolute http(s) URL, such as"
                    + " https://github.com/OWNER/composefix/blob/v1/docs/rules");
          }
          docsUrl = sc.value;
        }
        case "group-by" -> {
          if (!(v instanceof YNode.Scalar sc) || !List.of("file", "rule").contains(sc.value)) {
            throw r.error(v, "group-by must be file or rule");
          }
          groupBy = sc.value;
        }
        case "per-service" -> {
          for (YNode.Entry se : r.mapping(v, "per-service").entries) {
            perService.put(r.key(se), r.ruleIds(se.value().resolve(), "per-service." + r.key(se)));
          }
        }
        case "knowledge" -> knowledge = KnowledgeSchema.additions(r, r.mapping(v, "knowledge"));
        case "purpose" -> {
          for (YNode.Entry pe : r.mapping(v, "purpose").entries) {
            String g = r.glob(pe);
            String val = r.string(pe.value().resolve(), "purpose." + g);
            if (!val.equals("production") && !val.equals("development")) {
              throw r.error(
                  pe.value(),
                  "purpose." + g + " must be production or development, not '" + val + "'");
            }
            purpose.put(g, val);
          }
        }
        case "overlay" -> {
          for (YNode.Entry oe : r.mapping(v, "overlay").entries) {
            overlay.put(r.glob(oe), r.bool(oe.value().resolve(), "overlay." + r.key(oe)));
          }
        }
        case "logging" -> {
          for (YNode.Entry le : r.mapping(v, "logging").entries) {
            String k = r.key(le);
            if (!List.of("driver", "max-size", "max-file").contains(k)) {
              throw r.error(
                  le.key(),
                  "unknown key 'logging." + k + "' (expected driver, max-size or max-file)");
            }
            String val = r.string(le.value().resolve(), "logging." + k);
            if (k.equals("max-size") && !val.matches("[0-9]+[kmg]?")) {
              throw r.error(
                  le.value(), "logging.max-size must be a size such as 10m, not '" + val + "'");
            }
            if (k.equals("max-file") && !val.matches("[1-9][0-9]{0,3}")) {
              throw r.error(
                  le.value(),
                  "logging.max-file must be a whole number of files, not '" + val + "'");
            }
            logging.put(k, val);
          }
          if (!logging.isEmpty() && !logging.containsKey("driver")) {
            throw r.error(
                v,
                "logging needs 'driver' (json-file or local: the driver the project's hosts use)");
          }
          String d = logging.get("driver");
          if (d != null && !d.equals("json-file") && !d.equals("local")) {
            throw r.error(
                v,
                "logging.driver must be json-file or local (the drivers that rotate with max-size"
                    + " and max-file), not '"
                    + d
                    + "'");
          }
        }
        default ->
            throw r.error(
                e.key(),
                "unknown key '"
                    + key
                    + "' (expected select, ignore, exclude, unsafe-fixes, per-service, knowledge, purpose, overlay, logging,"
                    + " docs-url or group-by)");
      }
    }
    return new Config(
        path,
        select,
        ignore,
        exclude,
        unsafe,
        perService,
        knowledge,
        docsUrl,
        groupBy,
        new Declared(
            Collections.unmodifiableMap(purpose),
            Collections.unmodifiableMap(overlay),
            Collections.unmodifiableMap(logging)));
  }

  /**
   * {@link dev.composefix.yaml.Reader} with the checks of this file's own values: rule ids and
   * globs.
   */
  static final class Reader extends dev.composefix.yaml.Reader {
    private final Set<String> knownIds;

    Reader(Document doc, Set<String> knownIds) {
      super(doc);
      this.knownIds = knownIds;
    }

    List<String> ruleIds(YNode n, String what) throws YamlException {
      List<String> ids = strings(n, what);
      YNode.Sequence seq = (YNode.Sequence) n;
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        if (!id.equals("ALL") && !knownIds.contains(id)) {
          throw error(
              seq.items.get(i),
              "unknown rule '" + id + "' in " + what + " (composefix rules lists them)");
        }
      }
      return ids;
    }

    String glob(YNode.Entry e) throws YamlException {
      String g = key(e);
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + g);
      } catch (RuntimeException x) {
        throw error(e.key(), "not a valid glob: " + x.getMessage());
      }
      return g;
    }

    List<String> globs(YNode n) throws YamlException {
      List<String> globs = strings(n, "exclude");
      YNode.Sequence seq = (YNode.Sequence) n;
      for (int i = 0; i < globs.size(); i++) {
        try {
          FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
        } catch (RuntimeException e) {
          throw error(seq.items.get(i), "exclude: not a valid glob: " + e.getMessage());
        }
      }
      return globs;
    }
  }

  /** Null when the value is a usable docs base URL, else why not. */
  public static String checkDocsUrl(String url) {
    if (!url.matches("https?://[^\\s<>()\"`]+")) {
      return "docs URL '" + url + "' is not an absolute http(s) URL without spaces";
    }
    return null;
  }
}
