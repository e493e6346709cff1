package dev.composefix.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Dockerfile to know who a stage runs as: its stages ({@code FROM image [AS
 * name]}), the last {@code USER} of each, the users and groups its {@code RUN} lines create with an
 * explicit id ({@code useradd -u}, {@code adduser -u}, {@code groupadd -g}, {@code addgroup -g}),
 * and the paths it hands to a user ({@code chown}, {@code COPY --chown}). {@code ARG} defaults and
 * build arguments are substituted; anything else it cannot read makes the answer unknown, never a
 * guess.
 */
public final class Dockerfile {

  /** One build stage. */
  public static final class Stage {
    public final String from;
    public final String name;

    /** The last USER of the stage as written after substitution, or null. */
    String user;

    boolean userUnresolved;
    final Map<String, String> users = new HashMap<>();
    final Map<String, String> groups = new HashMap<>();
    final List<String> chowned = new ArrayList<>();
    final List<String> chownedRecursive = new ArrayList<>();
    final List<String> created = new ArrayList<>();

    Stage(String from, String name) {
      this.from = from;
      this.name = name;
    }
  }

  public final List<Stage> stages = new ArrayList<>();

  private static final Pattern FROM =
      Pattern.compile("(?i)^FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
  private static final Pattern VAR =
      Pattern.compile(
          "\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?}|([A-Za-z_][A-Za-z0-9_]*))");

  private Dockerfile() {}

  /** Parses a Dockerfile's text with the given build arguments (compose {@code build.args}). */
  public static Dockerfile parse(String text, Map<String, String> buildArgs) {
    Dockerfile d = new Dockerfile();
    Map<String, String> globalArgs = new HashMap<>();
    Map<String, String> vars = new HashMap<>();
    Stage cur = null;
    for (String line : logicalLines(text)) {
      int sp = indexOfSpace(line);
      String op = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
      String rest = sp < 0 ? "" : line.substring(sp + 1).strip();
      switch (op) {
        case "FROM" -> {
          Matcher m = FROM.matcher(line);
          String from = m.matches() ? subst(m.group(1), globalArgs) : null;
          String name =
              m.matches() && m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : null;
          cur = new Stage(from, name);
          d.stages.add(cur);
          vars = new HashMap<>();
        }
        case "ARG" -> {
          for (String a : rest.split("\\s+")) {
            if (a.isEmpty()) {
              continue;
            }
            int eq = a.indexOf('=');
            String k = eq < 0 ? a : a.substring(0, eq);
            String v =
                buildArgs.containsKey(k)
                    ? buildArgs.get(k)
                    : eq < 0
                        ? (cur == null ? null : globalArgs.get(k))
                        : unquote(a.substring(eq + 1));
            if (v != null) {
              v = subst(v, cur == null ? globalArgs : vars);
            }
            (cur == null ? globalArgs : vars).put(k, v);
          }
        }
        case "ENV" -> {
          if (cur != null) {
            Matcher m = ENV_PAIR.matcher(rest);
            boolean any = false;
            while (m.find()) {
              vars.put(m.group(1), subst(unquote(m.group(2)), vars));
              any = true;
            }
            if (!any) {
              String[] kv = rest.split("\\s+", 2);
              if (kv.length == 2) {
                vars.put(kv[0], subst(unquote(kv[1]), vars));
              }
            }
          }
        }
        case "USER" -> {
          if (cur != null) {
            String u = subst(rest, vars);
            cur.user = u;
            cur.userUnresolved = u == null || u.isEmpty() || u.contains("$");
          }
        }
        case "RUN" -> {
          if (cur != null) {
            run(cur, subst(rest, vars) == null ? rest : subst(rest, vars));
          }
        }
        case "COPY", "ADD" -> {
          if (cur != null) {
            copy(cur, subst(rest, vars) == null ? rest : subst(rest, vars));
          }
        }
        default -> {}
      }
    }
    return d;
  }

  /**
   * The stage a build uses: the named target, or the last one; null when there is no such stage.
   */
  public Stage stage(String target) {
    if (target == null) {
      return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }
    for (Stage s : stages) {
      if (target.equalsIgnoreCase(s.name)) {
        return s;
      }
    }
    return null;
  }

  /** The stage a FROM refers to when it names an earlier stage, else null. */
  Stage parentOf(Stage s) {
    if (s.from == null) {
      return null;
    }
    int i = stages.indexOf(s);
    for (int j = i - 1; j >= 0; j--) {
      if (s.from.equalsIgnoreCase(stages.get(j).name)) {
        return stages.get(j);
      }
    }
    return null;
  }

  /** The stages whose file system a stage builds on, itself first. */
  List<Stage> lineage(Stage s) {
    List<Stage> out = new ArrayList<>();
    for (Stage x = s; x != null && out.size() < stages.size(); x = parentOf(x)) {
      out.add(x);
    }
    return out;
  }

  /**
   * The user a stage runs as: the last USER in it or in the stages it builds on, or null when none
   * sets one (then the base image decides: {@link #baseImage(Stage)}).
   */
  public String user(Stage s) {
    for (Stage x : lineage(s)) {
      if (x.user != null) {
        return x.userUnresolved ? "$" : x.user;
      }
    }
    return null;
  }

  /** The image the lineage of a stage starts from (not a stage name). */
  public String baseImage(Stage s) {
    List<Stage> l = lineage(s);
    return l.get(l.size() - 1).from;
  }

  /**
   * The numeric id of a user (or group) name created with an explicit id in the stage's lineage.
   */
  public String idOf(Stage s, String name, boolean group) {
    for (Stage x : lineage(s)) {
      String v = (group ? x.groups : x.users).get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * Whether the image hands {@code path} to a user: chowned itself, or created and chowned with -R
   * above it.
   */
  public boolean ownsPath(Stage s, String path) {
    String p = norm(path);
    boolean created = false;
    for (Stage x : lineage(s)) {
      for (String c : x.chowned) {
        if (norm(c).equals(p)) {
          return true;
        }
      }
      for (String c : x.created) {
        created |= norm(c).equals(p);
      }
    }
    if (!created) {
      return false;
    }
    for (Stage x : lineage(s)) {
      for (String c : x.chownedRecursive) {
        String n = norm(c);
        if (p.equals(n) || p.startsWith(n.endsWith("/") ? n : n + "/")) {
          return true;
        }
      }
    }
    return false;
  }

  static String norm(String p) {
    String s = p.strip();
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** One NAME=value of an ENV line, the value quoted or a single word. */
  private static final Pattern ENV_PAIR =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)");

  private static final Pattern SHELL_SPLIT = Pattern.compile("&&|\\|\\||;|\\|");

  private static void run(Stage st, String cmd) {
    String c = cmd.strip();
    if (c.startsWith("[")) {
      c = c.replaceAll("[\\[\\],\"]", " ");
    }
    for (String part : SHELL_SPLIT.split(c)) {
      List<String> w = words(part);
      if (w.isEmpty()) {
        continue;
      }
      int i = 0;
      while (i < w.size()
          && (w.get(i).equals("sudo") || w.get(i).equals("set") || w.get(i).startsWith("-"))) {
        i++;
      }
      if (i >= w.size()) {
        continue;
      }
      String prog = w.get(i);
      List<String> args = w.subList(i + 1, w.size());
      switch (prog) {
        case "useradd", "adduser" -> account(st.users, args, "-u", "--uid");
        case "groupadd", "addgroup" -> account(st.groups, args, "-g", "--gid");
        case "chown" -> chown(st, args);
        case "mkdir" -> {
          for (String a : args) {
            if (!a.startsWith("-")) {
              st.created.add(a);
            }
          }
        }
        default -> {}
      }
    }
  }

  /**
   * {@code useradd -u 1000 -g 1000 app}: name to id, also the group of the user when given as -g/-G
   * N.
   */
  private static void account(
      Map<String, String> into, List<String> args, String shortOpt, String longOpt) {
    String id = null;
    String name = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals(shortOpt) || a.equals(longOpt)) && i + 1 < args.size()) {
        id = args.get(++i);
      } else if (a.startsWith(longOpt + "=")) {
        id = a.substring(longOpt.length() + 1);
      } else if (a.startsWith(shortOpt) && a.length() > 2 && a.substring(2).matches("\\d+")) {
        id = a.substring(2);
      } else if (a.startsWith("-")) {
        if (takesValue(a) && i + 1 < args.size()) {
          i++;
        }
      } else if (name == null) {
        name = a;
      }
    }
    // adduser USER GROUP (Debian) adds an existing user to a group: the first word is the user
    if (id != null && name != null && id.matches("\\d+")) {
      into.putIfAbsent(name, id);
    }
  }

  private static boolean takesValue(String opt) {
    return switch (opt) {
      case "-g",
          "-G",
          "--gid",
          "--ingroup",
          "-s",
          "--shell",
          "-h",
          "--home",
          "-d",
          "--home-dir",
          "-c",
          "--comment",
          "--gecos",
          "-k",
          "--skel",
          "-K",
          "-e",
          "-f",
          "-p",
          "--password",
          "-Z",
          "-R",
          "--root",
          "-b",
          "--base-dir",
          "--firstuid",
          "--lastuid",
          "--key",
          "--groups",
          "-k ",
          "--uid",
          "-u" ->
          true;
      default -> false;
    };
  }

  private static void chown(Stage st, List<String> args) {
    boolean recursive = false;
    boolean owner = false;
    for (String a : args) {
      if (a.startsWith("-")) {
        recursive |=
            a.equals("-R")
                || a.equals("--recursive")
                || (a.matches("-[a-zA-Z]+") && a.contains("R"));
        continue;
      }
      if (!owner) {
        owner = true;
        continue;
      }
      (recursive ? st.chownedRecursive : st.chowned).add(a);
      if (recursive) {
        st.chowned.add(a);
      }
    }
  }

  private static void copy(Stage st, String rest) {
    List<String> w = words(rest.startsWith("[") ? rest.replaceAll("[\\[\\],\"]", " ") : rest);
    boolean chown = false;
    List<String> plain = new ArrayList<>();
    for (String a : w) {
      if (a.startsWith("--chown=")) {
        chown = true;
      } else if (!a.startsWith("--")) {
        plain.add(a);
      }
    }
    if (chown && plain.size() >= 2) {
      String dest = plain.get(plain.size() - 1);
      st.chowned.add(dest);
      st.chownedRecursive.add(dest);
      st.created.add(dest);
    }
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.strip().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(unquote(w));
      }
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** Substitutes $X and ${X} from vars; a variable without a value stays as written. */
  static String subst(String s, Map<String, String> vars) {
    if (s == null || s.indexOf('$') < 0) {
      return s;
    }
    Matcher m = VAR.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String k = m.group(1) != null ? m.group(1) : m.group(2);
      String v = vars.get(k);
      m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Instructions one a line: continuation lines joined, comments and blank lines dropped. */
  static List<String> logicalLines(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char escape = '\\';
    boolean first = true;
    for (String raw : text.replace("\r\n", "\n").replace("\uFEFF", "").split("\n", -1)) {
      String line = raw.strip();
      if (first && line.toLowerCase(Locale.ROOT).matches("#\\s*escape\\s*=\\s*`")) {
        escape = '`';
      }
      if (line.startsWith("#")) {
        continue; // a comment line (also inside a continued instruction)
      }
      if (line.isEmpty() && cur.length() == 0) {
        continue;
      }
      first = false;
      if (!line.isEmpty() && line.charAt(line.length() - 1) == escape) {
        cur.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      cur.append(line);
      if (cur.toString().isBlank()) {
        cur.setLength(0);
        continue;
      }
      out.add(cur.toString().strip());
      cur.setLength(0);
    }
    if (cur.length() > 0 && !cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
