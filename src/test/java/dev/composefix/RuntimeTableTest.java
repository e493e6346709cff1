package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.knowledge.Knowledge;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * knowledge/runtime.yaml stays well formed as people extend it: every image entry has patterns, a
 * known kind and a source; tmpfs entries are absolute paths; capabilities are real ones.
 */
class RuntimeTableTest {
  static final Set<String> CAPS =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "DAC_READ_SEARCH",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "NET_RAW",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT",
          "SYS_NICE",
          "SYS_RESOURCE",
          "IPC_LOCK",
          "NET_ADMIN",
          "SYS_PTRACE");

  @Test
  @SuppressWarnings("unchecked")
  void everyEntryIsComplete() {
    Map<String, Object> root = (Map<String, Object>) Knowledge.load("runtime");
    Map<String, Object> kinds = (Map<String, Object>) root.get("kinds");
    for (String k : List.of("database", "search", "queue", "cache", "web", "app", "worker")) {
      Map<String, Object> kind = (Map<String, Object>) kinds.get(k);
      assertNotNull(kind, "kind " + k);
      for (String part : List.of("limits", "reservations")) {
        Map<String, Object> r = (Map<String, Object>) kind.get(part);
        assertTrue(String.valueOf(r.get("memory")).matches("\\d+[MG]"), k + " " + part + " memory");
        assertTrue(String.valueOf(r.get("cpus")).matches("\\d+\\.\\d+"), k + " " + part + " cpus");
      }
      assertTrue(kind.get("pids_limit") instanceof Number, k + " pids_limit");
    }
    assertTrue(String.valueOf(root.get("tmp")).startsWith("/tmp:"), "tmp");
    List<Map<String, Object>> images = Knowledge.entries("runtime", "images");
    assertFalse(images.isEmpty());
    for (Map<String, Object> e : images) {
      String what = String.valueOf(e.get("match"));
      assertTrue(e.get("match") instanceof List<?> l && !l.isEmpty(), what + ": match");
      // an entry that records only that the image needs setuid binaries may leave the size class
      // out
      boolean setuidOnly =
          e.get("kind") == null && (e.get("setuid") != null || e.get("setuid_with_user") != null);
      assertTrue(
          setuidOnly || kinds.containsKey(String.valueOf(e.get("kind"))),
          what + ": kind " + e.get("kind"));
      for (String k : List.of("setuid", "setuid_with_user")) {
        if (e.get(k) != null) {
          assertTrue(String.valueOf(e.get(k)).strip().length() > 20, what + ": " + k + " says why");
        }
      }
      assertTrue(String.valueOf(e.get("source")).contains("http"), what + ": source");
      if (e.get("tmpfs") != null) {
        for (Object t : (List<Object>) e.get("tmpfs")) {
          assertTrue(String.valueOf(t).startsWith("/"), what + ": tmpfs " + t);
        }
      }
      if (e.get("cap_add") != null) {
        for (Object c : (List<Object>) e.get("cap_add")) {
          assertTrue(CAPS.contains(String.valueOf(c)), what + ": capability " + c);
        }
      }
      if (e.get("stop_grace_period") != null) {
        assertTrue(
            String.valueOf(e.get("stop_grace_period")).matches("\\d+[sm]"),
            what + ": stop_grace_period");
      }
    }
  }
}
