package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main sources depend on each other in one direction only
 * (docs/architecture.md): a package may use those before it in {@link #LAYERS}, never one after it,
 * and no two packages reach each other. Dependencies are read from the sources: imports and fully
 * qualified names.
 */
class ArchitectureTest {
  /** Lowest first. */
  static final List<String> LAYERS =
      List.of(
          "yaml",
          "schema",
          "knowledge",
          "config",
          "compose",
          "rule",
          "rules",
          "engine",
          "report",
          "cli");

  private static final Path MAIN = Path.of("src/main/java/dev/composefix");
  private static final Pattern USE = Pattern.compile("\\bdev\\.composefix\\.([a-z]+)\\.[A-Z]");

  /** Package to the packages its sources name. */
  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
        Set<String> uses = g.computeIfAbsent(pkg, k -> new TreeSet<>());
        String text = Files.readString(f).replaceAll("(?m)^package .*$", "");
        Matcher m = USE.matcher(text);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.add(m.group(1));
          }
        }
      }
    }
    return g;
  }

  @Test
  void everyPackageHasItsPlaceInTheOrder() throws IOException {
    Set<String> unknown = new TreeSet<>(graph().keySet());
    LAYERS.forEach(unknown::remove);
    assertEquals(
        Set.of(),
        unknown,
        "packages missing from ArchitectureTest.LAYERS (and docs/architecture.md)");
  }

  @Test
  void dependenciesGoDownTheLayers() throws IOException {
    List<String> wrong = new ArrayList<>();
    graph()
        .forEach(
            (pkg, uses) -> {
              for (String u : uses) {
                if (LAYERS.indexOf(u) >= LAYERS.indexOf(pkg)) {
                  wrong.add(pkg + " -> " + u);
                }
              }
            });
    assertEquals(List.of(), wrong, "imports against the order " + LAYERS);
  }

  @Test
  void noCycleBetweenPackages() throws IOException {
    Map<String, Set<String>> g = graph();
    for (String start : g.keySet()) {
      // every package reachable from start; start among them is a cycle
      Set<String> seen = new TreeSet<>();
      List<String> todo = new ArrayList<>(g.get(start));
      while (!todo.isEmpty()) {
        String p = todo.remove(todo.size() - 1);
        if (seen.add(p)) {
          todo.addAll(g.getOrDefault(p, Set.of()));
        }
      }
      assertTrue(!seen.contains(start), "a cycle through " + start + ": it reaches " + seen);
    }
  }
}
