package dev.composefix.report;

import dev.composefix.yaml.Controls;

/**
 * {@code --format github}: one GitHub Actions workflow command a line, {@code ::warning
 * file=…,line=…,col=…,title=…::message} for each finding in the file as it is on disk after the run
 * (a dry run shows the fixed findings too: the file still has them), {@code ::error file=…::…} for
 * a file that could not be processed. Values are escaped as the Actions toolkit does.
 */
public final class GithubReporter implements Reporter {
  @Override
  public String render(Report report) {
    StringBuilder b = new StringBuilder();
    for (Report.FileReport f : report.files()) {
      if (f.error() != null) {
        b.append("::error file=")
            .append(property(f.path()))
            .append(",title=")
            .append(property("composefix"))
            .append("::")
            .append(data(f.error()))
            .append('\n');
        continue;
      }
      for (Report.Item i : f.items()) {
        if (i.fixed() && report.written()) {
          continue;
        }
        b.append("::warning file=")
            .append(property(f.path()))
            .append(",line=")
            .append(Math.max(1, i.lineNow()))
            .append(",col=")
            .append(Math.max(1, i.columnNow()))
            .append(",title=")
            .append(property("composefix " + i.finding().rule()))
            .append("::")
            .append(data(Hints.message(i, report.written())))
            .append('\n');
      }
    }
    return b.toString();
  }

  /** The message part of a workflow command. */
  public static String data(String s) {
    return Controls.escape(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
  }

  /** A property value (file, title, ...) of a workflow command. */
  public static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
