package dev.composefix.compose;

import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import dev.composefix.yaml.YamlException;
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
  /** The file on disk, or null (standard input, tests): build contexts and other files are relative to it. */
  public final java.nio.file.Path path;
  public final YNode.Mapping root;
  /** The {@code services} mapping, or null when the file has none (e.g. only {@code include}). */
  public final YNode.Mapping servicesNode;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final boolean override;
  private Map<YNode, Set<String>> owners;
  // per-file results shared by every rule of a pass, worked out on first use
  private List<Service> serviceList;
  private Set<String> oneShot;

  private ComposeFile(Document doc, String name, java.nio.file.Path path, YNode.Mapping root,
      YNode.Mapping servicesNode) {
    this.doc = doc;
    this.name = name;
    this.path = path;
    this.root = root;
    this.servicesNode = servicesNode;
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).toLowerCase();
    this.override = base.contains("override");
    if (servicesNode != null) {
      for (YNode.Entry e : servicesNode.entries) {
        if (e.keyText() != null) {
          YNode v = e.value().resolve();
          services.put(e.keyText(), new Service(this, e.keyText(), e.key(),
              v instanceof YNode.Mapping m ? m : null));
        }
      }
    }
  }

  /** Reads a parsed document as a compose file, or says why it is not one. */
  public static ComposeFile of(Document doc, String name) throws YamlException {
    return of(doc, name, null);
  }

  /** As {@link #of(Document, String)}, for a file read from {@code path} (may be null). */
  public static ComposeFile of(Document doc, String name, java.nio.file.Path path) throws YamlException {
    if (doc.root == null) {
      throw new YamlException("not a compose file: the file is empty (or only comments)", 1, 1);
    }
    if (!(doc.root instanceof YNode.Mapping root)) {
      throw at(doc, doc.root, "not a compose file: the top level is not a mapping");
    }
    YNode.Entry se = root.entry("services");
    if (se == null) {
      if (root.entry("include") != null) {
        return new ComposeFile(doc, name, path, root, null);
      }
      throw at(doc, root, "not a compose file: no top-level 'services' mapping");
    }
    YNode sv = se.value().resolve();
    if (sv instanceof YNode.Scalar s && s.isNull()) {
      return new ComposeFile(doc, name, path, root, null);
    }
    if (!(sv instanceof YNode.Mapping sm)) {
      throw at(doc, sv, "not a compose file: 'services' is not a mapping");
    }
    return new ComposeFile(doc, name, path, root, sm);
  }

  private static YamlException at(Document doc, YNode n, String msg) {
    return new YamlException(msg, doc.line(n.start()), doc.column(n.start()));
  }

  /** True for an override file (compose.override.yaml, docker-compose.test.override.yml, ...). */
  public boolean override() {
    return override;
  }

  public List<Service> services() {
    if (serviceList == null) {
      serviceList = List.copyOf(services.values());
    }
    return serviceList;
  }

  public Service service(String name) {
    return services.get(name);
  }

  /** Top-level key's value (aliases resolved), or null. */
  public YNode top(String key) {
    return root.get(key);
  }

  /** Services that some service waits for with service_completed_successfully: one-shot jobs. */
  public Set<String> oneShot() {
    if (oneShot == null) {
      oneShot = Collections.unmodifiableSet(findOneShot());
    }
    return oneShot;
  }

  private Set<String> findOneShot() {
    Set<String> out = new HashSet<>();
    for (Service s : services.values()) {
      s.dependsOn().forEach((dep, cond) -> {
        if ("service_completed_successfully".equals(cond)) {
          out.add(dep);
        }
      });
    }
    for (Service s : services.values()) {
      if ("no".equals(s.text("restart"))) {
        out.add(s.name);
      }
    }
    return out;
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
