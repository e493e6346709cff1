package dev.composefix.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rule docs, docs/rules/ID.md, as packaged in the jar: the one source for {@code composefix
 * explain}, the SARIF rule help and the reasons in the markdown report.
 */
public final class RuleDocs {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private RuleDocs() {}

  /** The whole doc, or null when there is none. */
  public static String doc(String id) {
    if (!id.matches("[a-z0-9-]+")) {
      return null;
    }
    return CACHE
        .computeIfAbsent(
            id,
            k -> {
              try (InputStream in =
                  RuleDocs.class.getResourceAsStream("/docs/rules/" + k + ".md")) {
                return in == null
                    ? ""
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .transform(s -> s.isEmpty() ? null : s);
  }

  /** The text of a "## heading" section, trimmed, or "" when the doc or the section is missing. */
  public static String section(String id, String heading) {
    String doc = doc(id);
    if (doc == null) {
      return "";
    }
    String mark = "\n## " + heading + "\n";
    int at = doc.indexOf(mark);
    if (at < 0) {
      return "";
    }
    int from = at + mark.length();
    int end = doc.indexOf("\n## ", from);
    return doc.substring(from, end < 0 ? doc.length() : end).strip();
  }

  /** The first paragraph of a section, joined into one line. */
  public static String paragraph(String id, String heading) {
    String s = section(id, heading);
    int blank = s.indexOf("\n\n");
    return (blank < 0 ? s : s.substring(0, blank)).replaceAll("\\s*\n\\s*", " ").strip();
  }

  /** The first sentence of a section: up to the first ". " or the end of its first paragraph. */
  public static String sentence(String id, String heading) {
    String p = paragraph(id, heading);
    int dot = p.indexOf(". ");
    return dot < 0 ? p : p.substring(0, dot + 1);
  }
}
