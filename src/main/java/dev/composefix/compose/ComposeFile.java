package dev.composefix.compose;

import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compose file: the document, its services, and what they share through anchors. */
public final class ComposeFile {
  public final Document doc;

  /** The path shown to users. */
  public final String name;

  /**
   * The file on disk, or null (standard input, tests): build contexts and other files are relative
   * to it.
   */
  public final Path path;

  public final YNode.Mapping root;

  /** The {@code services} mapping, or null when the file has none (e.g. only {@code include}). */
  public final YNode.Mapping servicesNode;

  private final Map<String, Service> services = new LinkedHashMap<>();
  private final boolean override;

  /** The file's place in a multi-file project, or null (standard input, tests). */
  final Project.Member member;

  private Map<YNode, Set<String>> owners;
  // per-file results shared by every rule of a pass, worked out on first use
  private List<Service> serviceList;
  private Set<String> oneShot;
  private Map<String, Lifecycle> lifecycles;

  private ComposeFile(
      Document doc,
      String name,
      Path path,
      YNode.Mapping root,
      YNode.Mapping servicesNode,
      Project.Member member) {
    this.doc = doc;
    this.name = name;
    this.path = path;
    this.root = root;
    this.servicesNode = servicesNode;
    this.member = member;
    this.override = overrideName(name);
    if (servicesNode != null) {
      for (YNode.Entry e : servicesNode.entries) {
        if (e.keyText() != null) {
          YNode v = e.value().resolve();
          services.put(
              e.keyText(),
              new Service(this, e.keyText(), e.key(), v instanceof YNode.Mapping m ? m : null));
        }
      }
    }
  }

  /**
   * True for a file name that marks an override file (compose.override.yaml,
   * docker-compose.test.override.yml, ...).
   */
  static boolean overrideName(String name) {
    String base = name.replace('\\', '/');
    return base.substring(base.lastIndexOf('/') + 1).toLowerCase().contains("override");
  }

  /** Reads a parsed document as a compose file, or says why it is not one. */
  public static ComposeFile of(Document doc, String name) throws YamlException {
    return of(doc, name, null);
  }

  /** As {@link #of(Document, String)}, for a file read from {@code path} (may be null). */
  public static ComposeFile of(Document doc, String name, Path path) throws YamlException {
    return of(doc, name, path, null);
  }

  /** The same file seen as a member of a project (its services read through the merged view). */
  static ComposeFile with(ComposeFile f, Project.Member member) {
    return new ComposeFile(f.doc, f.name, f.path, f.root, f.servicesNode, member);
  }

  /**
   * As {@link #of(Document, String, java.nio.file.Path)}, for a file that is part of a project
   * (member may be null): its services are read merged with the other files of the project, and
   * {@link #services()} lists only the services this file owns.
   */
  public static ComposeFile of(Document doc, String name, Path path, Project.Member member)
      throws YamlException {
    if (doc.root == null) {
      throw new YamlException("not a compose file: the file is empty (or only comments)", 1, 1);
    }
    if (!(doc.root instanceof YNode.Mapping root)) {
      throw at(doc, doc.root, "not a compose file: the top level is not a mapping");
    }
    YNode.Entry se = root.entry("services");
    if (se == null) {
      if (!root.entries.isEmpty()
          && root.entries.stream().allMatch(ComposeFile::topLevelWithoutServices)) {
        // only volumes, networks, include, secrets, configs, x- keys (and name, version): compose
        // reads it
        return new ComposeFile(doc, name, path, root, null, member);
      }
      for (YNode.Entry e : root.entries) {
        if (e.value().resolve() instanceof YNode.Mapping m
            && looksLikeService(m)
            && !topLevelWithoutServices(e)) {
          throw at(
              doc,
              e.key(),
              "not processed: the file is in the Compose v1 layout, which Compose v2 no longer"
                  + " reads (services at the top level); move them under a top-level 'services:' key");
        }
      }
      throw at(doc, root, "not a compose file: no top-level 'services' mapping");
    }
    YNode sv = se.value().resolve();
    if (sv instanceof YNode.Scalar s && s.isNull()) {
      return new ComposeFile(doc, name, path, root, null, member);
    }
    if (!(sv instanceof YNode.Mapping sm)) {
      throw at(doc, sv, "not a compose file: 'services' is not a mapping");
    }
    return new ComposeFile(doc, name, path, root, sm, member);
  }

  /** The top-level keys a compose file may have without {@code services}. */
  private static final Set<String> WITHOUT_SERVICES =
      Set.of("version", "name", "volumes", "networks", "include", "secrets", "configs");

  /**
   * A mapping with an image name, or a build context, as a service has (a CI job's `build:` has
   * neither).
   */
  private static boolean looksLikeService(YNode.Mapping m) {
    YNode.Entry image = m.entry("image");
    if (image != null && image.value().resolve() instanceof YNode.Scalar) {
      return true;
    }
    YNode.Entry build = m.entry("build");
    YNode b = build == null ? null : build.value().resolve();
    return b instanceof YNode.Scalar sc && !sc.isNull()
        || b instanceof YNode.Mapping bm
            && (bm.entry("context") != null || bm.entry("dockerfile") != null);
  }

  private static boolean topLevelWithoutServices(YNode.Entry e) {
    String k = e.keyText();
    return k != null && (WITHOUT_SERVICES.contains(k) || k.startsWith("x-"));
  }

  private static YamlException at(Document doc, YNode n, String msg) {
    return new YamlException(msg, doc.line(n.start()), doc.column(n.start()));
  }

  /** True for an override file (compose.override.yaml, docker-compose.test.override.yml, ...). */
  public boolean override() {
    return override;
  }

  /**
   * The services this file owns: all of them, except in a project where an earlier file (the base,
   * an included file) defines the service too; that file's run judges and fixes it.
   */
  public List<Service> services() {
    if (serviceList == null) {
      serviceList =
          member == null
              ? List.copyOf(services.values())
              : services.values().stream().filter(s -> member.owns(s.name, this)).toList();
    }
    return serviceList;
  }

  /** The project this file belongs to, or null. */
  public Project.Member member() {
    return member;
  }

  public Service service(String name) {
    return services.get(name);
  }

  /** Top-level key's value (aliases resolved), or null. */
  public YNode top(String key) {
    return root.get(key);
  }

  /** The one-shot jobs among the project's services (see {@link Lifecycle}): by name. */
  public Set<String> oneShot() {
    if (oneShot == null) {
      Set<String> out = new HashSet<>();
      lifecycles()
          .forEach(
              (n, l) -> {
                if (l.oneShot()) {
                  out.add(n);
                }
              });
      oneShot = Collections.unmodifiableSet(out);
    }
    return oneShot;
  }

  /**
   * What a service of this file (or of its project) is meant to do over time; long-running when
   * unknown.
   */
  public Lifecycle lifecycle(String service) {
    return lifecycles().getOrDefault(service, Lifecycle.LONG);
  }

  /** As {@link #lifecycle(String)}. */
  public Lifecycle lifecycle(Service s) {
    return lifecycle(s.name);
  }

  private Map<String, Lifecycle> lifecycles() {
    if (lifecycles == null) {
      List<Service> all = new ArrayList<>(services.values());
      if (member != null) {
        for (String n : member.serviceNames(this)) {
          Service v = services.containsKey(n) ? null : member.view(n, this);
          if (v != null) {
            all.add(v);
          }
        }
      }
      Map<String, String> completedBy = new HashMap<>();
      for (Service s : all) {
        s.dependsOn()
            .forEach(
                (dep, cond) -> {
                  if ("service_completed_successfully".equals(cond)) {
                    completedBy.putIfAbsent(dep, s.name);
                  }
                });
      }
      Map<String, Lifecycle> out = new LinkedHashMap<>();
      for (Service s : all) {
        out.put(s.name, Lifecycle.of(s, completedBy.get(s.name)));
      }
      lifecycles = out;
    }
    return lifecycles;
  }

  /**
   * The services whose effective configuration reaches a node that carries an anchor: the service
   * that defines it and every service that uses it through an alias or a merge key.
   */
  public Set<String> servicesReaching(YNode anchored) {
    if (owners == null) {
      owners = new IdentityHashMap<>();
      for (Service s : services.values()) {
        if (s.own == null) {
          continue;
        }
        Set<YNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<YNode> todo = new ArrayDeque<>();
        todo.push(s.own);
        while (!todo.isEmpty()) {
          YNode n = todo.pop().resolve();
          if (!seen.add(n)) {
            continue;
          }
          if (n.anchor != null) {
            owners.computeIfAbsent(n, k -> new HashSet<>()).add(s.name);
          }
          if (n instanceof YNode.Mapping m) {
            for (YNode.Entry e : m.entries) {
              todo.push(e.value());
            }
          } else if (n instanceof YNode.Sequence q) {
            todo.addAll(q.items);
          }
        }
      }
    }
    return owners.getOrDefault(anchored, Set.of());
  }

  /** Named volumes declared at the top level, by name. */
  public Map<String, YNode> declaredVolumes() {
    Map<String, YNode> out = new HashMap<>();
    if (top("volumes") instanceof YNode.Mapping m) {
      for (YNode.Entry e : m.entries) {
        if (e.keyText() != null) {
          out.put(e.keyText(), e.value().resolve());
        }
      }
    }
    return out;
  }

  public List<String> serviceNames() {
    return new ArrayList<>(services.keySet());
  }
}
