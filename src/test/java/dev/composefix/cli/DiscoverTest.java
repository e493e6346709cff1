package dev.composefix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery finds what one plain walk finds, in its order: compose-named files, links to files,
 * broken links as problems, nothing under .git or node_modules, a linked directory not entered.
 */
class DiscoverTest {
  @TempDir Path dir;

  /** One walk of the whole tree, written out here as the definition. */
  private static List<Path> reference(Path top, List<String> problems) throws IOException {
    List<Path> out = new ArrayList<>();
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            String n = d.getFileName() == null ? "" : d.getFileName().toString();
            return !d.equals(top) && InputFiles.SKIPPED.contains(n)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (InputFiles.composeName(f.getFileName().toString())) {
              if (attrs.isRegularFile() || Files.isRegularFile(f)) {
                out.add(f);
              } else if (attrs.isSymbolicLink() && !Files.exists(f)) {
                problems.add(Main.display(f) + ": error: broken symbolic link");
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(null);
    return out;
  }

  private void file(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "services: {}\n");
  }

  @Test
  void sameFilesAndProblemsAsOneWalk() throws Exception {
    file("compose.yaml");
    file("docker-compose.override.yml");
    file("notes.yaml");
    for (int i = 0; i < 12; i++) {
      file("p" + i + "/docker-compose.yml");
      file("p" + i + "/deploy/compose.prod.yaml");
      file("p" + i + "/.git/compose.yaml");
      file("p" + i + "/node_modules/x/compose.yaml");
    }
    for (int i = 0; i < 20; i++) {
      file("big/examples/e" + i + "/docker-compose.yml");
      file("big/examples/e" + i + "/sub/compose.yaml");
    }
    Files.createSymbolicLink(
        dir.resolve("big/examples/e3/compose.dangling.yml"), Path.of("gone.yml"));
    file(".git/compose.yaml");
    file("node_modules/compose.yaml");
    // vendored third-party trees: an update overwrites them, so they are not searched
    file("vendor/acme/runner/docker-compose.yml");
    file("app/third_party/lib/compose.yaml");
    file("web/bower_components/x/docker-compose.yml");
    Files.createSymbolicLink(dir.resolve("p0/compose.link.yaml"), Path.of("docker-compose.yml"));
    Files.createSymbolicLink(dir.resolve("p1/compose.yaml"), Path.of("../nowhere/compose.yaml"));
    Files.createSymbolicLink(dir.resolve("compose.broken.yml"), Path.of("nowhere.yml"));
    Files.createSymbolicLink(dir.resolve("linked-dir"), dir.resolve("p2"));

    List<String> expectedProblems = new ArrayList<>();
    List<Path> expected = reference(dir, expectedProblems);
    List<String> problems = new ArrayList<>();
    List<Path> found = InputFiles.discover(dir, problems);
    assertEquals(expected, found);
    assertEquals(expectedProblems, problems);
    assertEquals(1 + 1 + 12 * 2 + 1 + 40, found.size(), found.toString());
    assertEquals(3, problems.size(), problems.toString());
  }

  @Test
  void aFileAsTheTopFindsNothingAsBefore() throws Exception {
    file("a/compose.yaml");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, dir.resolve("a"));
    List<String> p1 = new ArrayList<>();
    List<String> p2 = new ArrayList<>();
    assertEquals(reference(link, p1), InputFiles.discover(link, p2));
    assertEquals(p1, p2);
  }
}
