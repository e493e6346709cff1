package dev.composefix.rules;

import dev.composefix.compose.Service;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a service declares for itself: a JVM's {@code -Xmx}/{@code -Xms} in the variables the
 * JVM or the image's launcher reads (ES_JAVA_OPTS, JAVA_OPTS, JAVA_TOOL_OPTIONS, ...) or in its
 * command, and Node's {@code --max-old-space-size} in NODE_OPTIONS or its command. A memory limit
 * below it kills the service when the heap fills up (or at start, for -Xms with AlwaysPreTouch).
 *
 * @param runtime "JVM" or "Node"
 * @param bytes the largest heap size declared, or -1 when one is set through a variable
 * @param text the option as written, for messages
 */
record Heap(String runtime, long bytes, String text) {
  static final List<String> JVM_VARS =
      List.of(
          "ES_JAVA_OPTS",
          "OPENSEARCH_JAVA_OPTS",
          "JAVA_OPTS",
          "JAVA_TOOL_OPTIONS",
          "_JAVA_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "KAFKA_HEAP_OPTS",
          "CATALINA_OPTS",
          "LS_JAVA_OPTS",
          "SONAR_SEARCH_JAVAOPTS");
  private static final Pattern XMX = Pattern.compile("-Xm[xs]([^\\s'\",]+)");
  private static final Pattern NODE =
      Pattern.compile("--max[-_]old[-_]space[-_]size[=\\s]+([^\\s'\",]+)");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([kKmMgGtT]?)");

  /** The word java as a command (a path's last part, or alone). */
  private static final Pattern JAVA = Pattern.compile("(^|[\\s/])java(\\s|$)");

  /** An amount of memory as compose writes it: 512m, 1.5g, 2gb, 1024 (bytes). */
  private static final Pattern AMOUNT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([bkmgBKMG])?[bB]?");

  /** The largest heap the service declares, or null when it declares none. */
  static Heap of(Service s) {
    Environment env = Environment.of(s);
    Heap best = null;
    for (String v : JVM_VARS) {
      Environment.Var var = env.get(v);
      if (var != null && var.value() != null) {
        best = max(best, scan(var.value(), XMX, "JVM", false, v));
      }
    }
    Environment.Var node = env.get("NODE_OPTIONS");
    if (node != null && node.value() != null) {
      best = max(best, scan(node.value(), NODE, "Node", true, "NODE_OPTIONS"));
    }
    for (String key : List.of("command", "entrypoint")) {
      String text = ShellWords.text(s.get(key));
      if (text != null) {
        best = max(best, scan(text, XMX, "JVM", false, key));
        best = max(best, scan(text, NODE, "Node", true, key));
      }
    }
    return best;
  }

  /**
   * Whether the service runs a JVM, as far as the file shows (a JVM variable, or java in its
   * command).
   */
  static boolean java(Service s) {
    Environment env = Environment.of(s);
    if (JVM_VARS.stream().anyMatch(env::has)) {
      return true;
    }
    Heap h = of(s);
    if (h != null && h.runtime().equals("JVM")) {
      return true;
    }
    for (String key : List.of("command", "entrypoint")) {
      String text = ShellWords.text(s.get(key));
      if (text != null && JAVA.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static Heap scan(
      String text, Pattern p, String runtime, boolean mebibytes, String where) {
    Heap best = null;
    Matcher m = p.matcher(text);
    while (m.find()) {
      String v = m.group(1);
      Matcher sz = SIZE.matcher(v);
      long bytes;
      if (!sz.matches()) {
        bytes = -1; // a variable, or a form we do not read
      } else {
        long n = Long.parseLong(sz.group(1));
        String unit =
            mebibytes && sz.group(2).isEmpty() ? "m" : sz.group(2).toLowerCase(Locale.ROOT);
        bytes =
            n
                * switch (unit) {
                  case "k" -> 1024L;
                  case "m" -> 1024L * 1024;
                  case "g" -> 1024L * 1024 * 1024;
                  case "t" -> 1024L * 1024 * 1024 * 1024;
                  default -> 1L;
                };
      }
      String shown = m.group().strip();
      if (bytes < 0 && text.contains("$")) {
        shown = text.strip().length() > 80 ? text.strip().substring(0, 80) + "..." : text.strip();
      }
      best = max(best, new Heap(runtime, bytes, shown + " in " + where));
    }
    return best;
  }

  private static Heap max(Heap a, Heap b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.bytes < 0) {
      return a;
    }
    if (b.bytes < 0) {
      return b;
    }
    return b.bytes > a.bytes ? b : a;
  }

  /**
   * The memory the container needs beside this heap: a JVM twice its heap (Elastic's guidance for
   * Elasticsearch: a heap of no more than half the memory; the rest holds metaspace, thread stacks,
   * direct buffers and the page cache), Node its old space plus 512 MiB (Node's own example: 1536
   * MiB of old space on a 2 GiB machine).
   */
  long needs() {
    return runtime.equals("JVM") ? 2 * bytes : bytes + 512L * 1024 * 1024;
  }

  /** Parses compose's memory sizes (512M, 2G, 1.5g, 1024k, bytes); -1 when unreadable. */
  static long parse(String v) {
    Matcher m = AMOUNT.matcher(v.strip());
    if (!m.matches()) {
      return -1;
    }
    double n = Double.parseDouble(m.group(1));
    String u = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long mult =
        switch (u) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return (long) Math.ceil(n * mult);
  }

  /** A size in compose's units: whole G when it is one, else whole M (rounded up). */
  static String format(long bytes) {
    long mib = (bytes + 1024L * 1024 - 1) / (1024L * 1024);
    return mib % 1024 == 0 ? (mib / 1024) + "G" : mib + "M";
  }
}
