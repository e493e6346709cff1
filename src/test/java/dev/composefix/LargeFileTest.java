package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.ComposePolicy;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Verify;
import dev.composefix.yaml.YamlException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Large files as real ones are: blocks reused through hundreds of aliases and merge keys are
 * accepted, and alias expansion stays bounded. Nothing here is timed (the benchmark measures).
 */
class LargeFileTest {
  static String manySharers(int services) {
    StringBuilder b =
        new StringBuilder(
            """
        x-logging: &logs
          driver: json-file
        x-base: &base
          logging: *logs
          environment: &env
            TZ: UTC
        x-plain: &plain
          logging:
            driver: json-file
        services:
        """);
    for (int i = 0; i < services; i++) {
      b.append("  s").append(i).append(":\n");
      b.append(i % 2 == 0 ? "    <<: *base\n" : "    <<: *plain\n");
      b.append("    image: nginx:1.27\n");
      b.append("    environment: *env\n");
      b.append("    # service ").append(i).append('\n');
      b.append("    ports:\n      - \"").append(8000 + i).append(":80\"\n");
    }
    return b.toString();
  }

  @Test
  void hundredsOfAliasesAndMergeKeysAreAccepted() throws Exception {
    String text = manySharers(600);
    Engine engine = new Engine(Registry.select(List.of("ALL"), List.of()), false);
    FileResult r = engine.run("compose.yaml", text);
    assertTrue(r.changed());
    Document before = Document.parse(text);
    Document after = Document.parse(r.after());
    assertNull(new Verify(List.of()).firstLost(before.root, after.root, ComposePolicy.INSTANCE));
    assertEquals(r.after(), engine.run("compose.yaml", r.after()).after(), "idempotent");
    // each shared logging block is fixed once, in the block, not in each of its 300 sharers
    assertEquals(2, r.after().split("max-size", -1).length - 1);
    assertTrue(r.after().substring(0, r.after().indexOf("services:")).contains("max-size"));
  }

  @Test
  void aliasExpansionIsBounded() throws Exception {
    // each level refers to the one before ten times: 10^25 nodes if expanded
    StringBuilder b = new StringBuilder("x-a0: &a0 {k: v}\n");
    for (int i = 1; i <= 25; i++) {
      b.append("x-a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    b.append("services:\n");
    for (int i = 0; i < 200; i++) {
      b.append("  s").append(i).append(":\n    image: nginx:1.27\n    labels: *a25\n");
    }
    // refused while parsing (exit 2), without expanding anything
    assertThrows(
        YamlException.class,
        () ->
            new Engine(Registry.select(List.of("ALL"), List.of()), false)
                .run("compose.yaml", b.toString()));
  }

  @Test
  void mergeKeyLookupsStayLinear() throws Exception {
    // merge lists nested like an alias bomb: a lookup that searched every path would never end
    StringBuilder b = new StringBuilder("x-a0: &a0 {k: v}\n");
    for (int i = 1; i <= 25; i++) {
      b.append("x-a").append(i).append(": &a").append(i).append("\n  <<: [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    b.append("services:\n  web:\n    <<: *a25\n    image: nginx:1.27\n");
    assertThrows(
        YamlException.class,
        () ->
            new Engine(Registry.select(List.of("ALL"), List.of()), false)
                .run("compose.yaml", b.toString()));
    // below the expansion budget, merge lookups through shared sources stay linear
    StringBuilder small = new StringBuilder("x-a0: &a0 {k: v}\n");
    for (int i = 1; i <= 5; i++) {
      small.append("x-a").append(i).append(": &a").append(i).append("\n  <<: [");
      for (int j = 0; j < 10; j++) {
        small.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      small.append("]\n");
    }
    small.append("services:\n  web:\n    <<: *a5\n    image: nginx:1.27\n");
    FileResult r =
        new Engine(Registry.select(List.of("ALL"), List.of()), false)
            .run("compose.yaml", small.toString());
    assertTrue(r.after().contains("restart: unless-stopped"));
  }
}
