package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.knowledge.ImageRef;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Image references as rules can judge them, with compose variables taken into account. */
final class Images {
  private Images() {}

  private static final Pattern VAR =
      Pattern.compile(
          "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** Stands for a part of the reference that only the environment decides. */
  static final char UNKNOWN = '\u0000';

  /**
   * The reference with each {@code ${VAR:-default}} replaced by its default and every other
   * variable by {@link #UNKNOWN}; {@code $$} stays a literal {@code $}.
   */
  static String withDefaults(String image) {
    String s = image.replace("$$", "\u0001");
    Matcher m = VAR.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String op = m.group(2);
      String rep =
          op != null && (op.equals(":-") || op.equals("-")) ? m.group(3) : String.valueOf(UNKNOWN);
      m.appendReplacement(b, Matcher.quoteReplacement(rep));
    }
    m.appendTail(b);
    return b.toString().replace('\u0001', '$');
  }

  /**
   * The service's image parsed with variable defaults applied, or null when the name itself is
   * unknown.
   */
  static ImageRef ref(Service s) {
    String img = s.image();
    if (img == null) {
      return null;
    }
    String resolved = withDefaults(img);
    ImageRef r = ImageRef.parse(resolved);
    if (r.path().indexOf(UNKNOWN) >= 0
        || (r.registry() != null && r.registry().indexOf(UNKNOWN) >= 0)) {
      return null;
    }
    return r;
  }

  /**
   * True when a variable, even one with a default, may change the tag ({@code mariadb:${TAG:-11}},
   * {@code ${IMAGE}}).
   */
  static boolean tagHasVariable(String image) {
    String s = image.replace("$$", "\u0001");
    String unknown = VAR.matcher(s).replaceAll(String.valueOf(UNKNOWN));
    if (unknown.indexOf(UNKNOWN) < 0) {
      return false;
    }
    ImageRef r = ImageRef.parse(unknown);
    return r.tag() == null
        ? unknown.lastIndexOf(UNKNOWN) > unknown.lastIndexOf('/')
        : r.tag().indexOf(UNKNOWN) >= 0 || r.path().indexOf(UNKNOWN) >= 0 && r.tag() == null;
  }

  /** True when the tag (or digest) is decided by the environment. */
  static boolean tagUnknown(ImageRef r) {
    return (r.tag() != null && r.tag().indexOf(UNKNOWN) >= 0)
        || (r.digest() != null && r.digest().indexOf(UNKNOWN) >= 0);
  }

  /** The major version at the start of a tag ("16-alpine" gives 16), or -1. */
  static int major(String tag) {
    if (tag == null) {
      return -1;
    }
    String t = tag.startsWith("v") ? tag.substring(1) : tag;
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 6) {
      return -1;
    }
    return Integer.parseInt(t.substring(0, i));
  }
}
