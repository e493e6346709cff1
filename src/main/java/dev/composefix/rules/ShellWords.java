package dev.composefix.rules;

import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splitting command lines into words, two ways: as compose and a POSIX shell do ({@link #shlex},
 * for commands a healthcheck is built from), and loosely ({@link #loose}, for finding chown
 * commands in a script, where quotes and separators only need to come apart).
 */
final class ShellWords {
  private ShellWords() {}

  /**
   * A command or entrypoint as one line: a string as it is, a list's items joined by spaces; null
   * for neither.
   */
  static String text(YNode n) {
    if (n instanceof YNode.Scalar sc && !sc.isNull()) {
      return sc.value;
    }
    if (n instanceof YNode.Sequence q) {
      StringBuilder b = new StringBuilder();
      for (YNode i : q.items) {
        String t = Fixes.text(i);
        if (t != null) {
          b.append(t).append(' ');
        }
      }
      return b.toString();
    }
    return null;
  }

  /** The command's words: each with its raw text (quotes kept) and its value. */
  record Word(String raw, String value) {}

  /**
   * Splits a command line the way compose (shlex) and a POSIX shell split words; null if
   * unbalanced.
   */
  static List<Word> shlex(String line) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      StringBuilder v = new StringBuilder();
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        char c = line.charAt(i);
        if (c == '\'' || c == '"') {
          int close = line.indexOf(c, i + 1);
          while (c == '"' && close > 0 && line.charAt(close - 1) == '\\') {
            close = line.indexOf(c, close + 1);
          }
          if (close < 0) {
            return null;
          }
          v.append(line, i + 1, close);
          i = close + 1;
        } else if (c == '\\' && i + 1 < n) {
          v.append(line.charAt(i + 1));
          i += 2;
        } else {
          v.append(c);
          i++;
        }
      }
      out.add(new Word(line.substring(start, i), v.toString()));
    }
    return out;
  }

  /**
   * Splits a script on whitespace, with each separator ({@code &&}, {@code ||}, {@code ;}, {@code
   * |}) a word {@code ";"} of its own, and the quotes at either end of a word stripped; empty words
   * dropped.
   */
  static List<String> loose(String cmd) {
    List<String> words = new ArrayList<>();
    for (String w : cmd.replaceAll("&&|\\|\\||;|\\|", " ; ").split("\\s+")) {
      String t = w.replaceAll("^[\"']+|[\"']+$", "");
      if (!t.isEmpty()) {
        words.add(t);
      }
    }
    return words;
  }
}
