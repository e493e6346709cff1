package dev.composefix.yaml;

import java.util.ArrayList;
import java.util.List;

/** Type checks over the positioned tree; every error names its line and column. */
public class Reader {
  public final Document doc;

  public Reader(Document doc) {
    this.doc = doc;
  }

  public YamlException error(YNode at, String msg) {
    return new YamlException(msg, doc.line(at.start()), doc.column(at.start()));
  }

  public static String kind(YNode n) {
    if (n instanceof YNode.Mapping) {
      return "a mapping";
    }
    if (n instanceof YNode.Sequence) {
      return "a list";
    }
    if (n instanceof YNode.Scalar s && s.isNull()) {
      return "empty";
    }
    return "'" + n + "'";
  }

  public YNode.Mapping mapping(YNode n, String what) throws YamlException {
    if (n instanceof YNode.Mapping m) {
      return m;
    }
    throw error(n, what + " must be a mapping, not " + kind(n));
  }

  public String key(YNode.Entry e) throws YamlException {
    if (e.key() instanceof YNode.Scalar s && !s.isNull() && !"<<".equals(s.value)) {
      return s.value;
    }
    throw error(e.key(), "keys must be plain names (merge keys are not supported here)");
  }

  public String string(YNode n, String what) throws YamlException {
    if (n instanceof YNode.Scalar s && !s.isNull()) {
      return s.value;
    }
    throw error(n, what + " must be a string, not " + kind(n));
  }

  public boolean bool(YNode n, String what) throws YamlException {
    if (n instanceof YNode.Scalar s && s.plain()) {
      switch (s.value) {
        case "true", "True", "TRUE" -> {
          return true;
        }
        case "false", "False", "FALSE" -> {
          return false;
        }
        default -> {}
      }
    }
    throw error(n, what + " must be true or false, not " + kind(n));
  }

  public int integer(YNode n, String what) throws YamlException {
    if (n instanceof YNode.Scalar s && s.plain() && s.value.matches("[0-9]{1,9}")) {
      return Integer.parseInt(s.value);
    }
    throw error(n, what + " must be a whole number, not " + kind(n));
  }

  public List<String> strings(YNode n, String what) throws YamlException {
    if (!(n instanceof YNode.Sequence seq)) {
      throw error(n, what + " must be a list, not " + kind(n));
    }
    List<String> out = new ArrayList<>();
    for (YNode i : seq.items) {
      out.add(string(i.resolve(), what + " items"));
    }
    return List.copyOf(out);
  }
}
