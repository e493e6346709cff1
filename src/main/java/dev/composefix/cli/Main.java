package dev.composefix.cli;

import dev.composefix.compose.Project;
import dev.composefix.config.Config;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.engine.SelfCheckException;
import dev.composefix.knowledge.Knowledge;
import dev.composefix.report.Report;
import dev.composefix.report.Reporter;
import dev.composefix.report.Tool;
import dev.composefix.report.UnifiedDiff;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import dev.composefix.rules.Registry;
import dev.composefix.schema.Schema;
import dev.composefix.yaml.Controls;
import dev.composefix.yaml.YamlException;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line. {@link #run} is the whole program, testable without System.exit. */
@Command(
    name = "composefix",
    mixinStandardHelpOptions = true,
    version = Main.VERSION,
    description =
        "Hardens Docker Compose files by rewriting them: a unified diff by default, in place with --write.",
    subcommands = {RulesCommand.class, ExplainCommand.class},
    sortOptions = false)
public final class Main implements Callable<Integer> {
  /** What --version prints. */
  static final String VERSION = "composefix " + Tool.VERSION;

  @Option(
      names = "--dry-run",
      description = "Print what would change as a unified diff; touch nothing (default).")
  boolean dryRun;

  @Option(names = "--write", description = "Apply the changes in place.")
  boolean write;

  @Option(
      names = "--unsafe-fixes",
      description = "Also apply fixes that can change runtime behaviour.")
  boolean unsafeFixes;

  @Option(
      names = "--no-unsafe-fixes",
      description = "Do not apply unsafe fixes, even if the configuration says so.")
  boolean noUnsafeFixes;

  @Option(
      names = "--select",
      split = ",",
      paramLabel = "IDS",
      description = "Only these rules (comma-separated).")
  List<String> select = new ArrayList<>();

  @Option(
      names = "--ignore",
      split = ",",
      paramLabel = "IDS",
      description = "Skip these rules (comma-separated).")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "diff",
      description = "Output format: diff (default), json, sarif, markdown, github.")
  String format;

  @Option(
      names = "--docs-url",
      paramLabel = "URL",
      description =
          "Where the rule docs are published, for the reports' links (default: docs-url of the"
              + " configuration, else COMPOSEFIX_DOCS_URL; none: no links).")
  String docsUrl;

  @Option(
      names = "--group-by",
      paramLabel = "file|rule",
      description = "markdown: one section per rule (rule) instead of one report (file, default).")
  String groupBy;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default: nearest .composefix.yaml).")
  Path config;

  @Option(
      names = "--exit-zero",
      description = "Exit 0 even when changes are pending or findings remain.")
  boolean exitZero;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "A compose file of one project, repeatable, in merge order (as docker compose -f);"
              + " default: COMPOSE_FILE when it is set and no PATH is given.")
  List<Path> composeFiles = new ArrayList<>();

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Compose files or directories (default: .); - reads standard input.")
  List<String> paths = new ArrayList<>();

  PrintStream out;
  PrintStream err;
  InputStream in;
  Map<String, String> env = System.getenv();

  /** For --format other than diff: the whole run is rendered at the end. */
  private Reporter reporter;

  private Report.Builder reportBuilder;

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 14),
            false,
            StandardCharsets.UTF_8);
    int code = run(args, out, err, System.in);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the program with the given streams and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    return run(args, out, err, in, System.getenv());
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream, InputStream)} with the given environment.
   */
  public static int run(
      String[] args, PrintStream out, PrintStream rawErr, InputStream in, Map<String, String> env) {
    // stderr carries only the tool's lines: no control character of the input reaches it raw
    PrintStream err = new PrintStream(Controls.filter(rawErr), false, StandardCharsets.UTF_8);
    Main main = new Main();
    main.env = env;
    main.out = out;
    main.err = err;
    main.in = in;
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // what picocli prints for it (FastArgsTest compares), without setting picocli up
      out.println(VERSION);
      out.flush();
      return ExitCode.OK.code;
    }
    if (FastArgs.parse(args, main)) {
      return runParsed(main, out, err);
    }
    CommandLine cl = new CommandLine(main);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("composefix: " + ex.getMessage());
          err.println("Try 'composefix --help'.");
          return ExitCode.INPUT_ERROR.code;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, r) -> {
          err.println("composefix: internal error: " + ex);
          return ExitCode.INTERNAL_ERROR.code;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Runs a command line that {@link FastArgs} read, with the answers picocli's handlers would give.
   */
  private static int runParsed(Main main, PrintStream out, PrintStream err) {
    int code;
    try {
      code = main.call();
    } catch (RuntimeException e) {
      err.println("composefix: internal error: " + e);
      code = ExitCode.INTERNAL_ERROR.code;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Reads the knowledge tables and the compose schema on the second core while the first one reads
   * and parses the input: on a one-file run they are most of what is left of start-up. Both are
   * loaded once, thread-safely, and a rule that needs one before it is ready waits for it.
   */
  private static void startWarmUp() {
    Thread t =
        new Thread(
            () -> {
              try {
                for (String table : new String[] {"healthchecks", "users", "runtime"}) {
                  Knowledge.load(table);
                }
                Schema.compose();
              } catch (RuntimeException e) {
                // the thread that needs a table reports the problem; a warm-up never does
              }
            },
            "composefix-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private int usage(String msg) {
    err.println("composefix: " + msg);
    return ExitCode.INPUT_ERROR.code;
  }

  @Override
  public Integer call() {
    startWarmUp();
    String wrong = wrongOption();
    if (wrong != null) {
      return usage(wrong);
    }
    Configs configs =
        new Configs(
            config, c -> Settings.of(c, select, ignore, unsafeFixes, noUnsafeFixes), Main::display);
    // the rules each file runs depend on its configuration: the reports know them all
    reportBuilder =
        new Report.Builder(Registry.all(), write, unsafeFixes).fixedPositions(reporter != null);
    if (paths.equals(List.of("-"))) {
      return stdin(configs);
    }
    composeFileVariable();
    if (paths.isEmpty() && composeFiles.isEmpty()) {
      paths = List.of(".");
    }
    List<Path> files = new ArrayList<>();
    ExitCode code = inputFiles(configs, files);
    dedupe(files);
    return run(configs, files, code);
  }

  /**
   * What is wrong with the options (the usage message), or null; sets the {@link #reporter} of
   * {@code --format}.
   */
  private String wrongOption() {
    if (dryRun && write) {
      return "--dry-run and --write exclude each other";
    }
    for (String id : concat(select, ignore)) {
      if (!id.equals("ALL") && Registry.byId(id) == null) {
        return "unknown rule '" + id + "' (composefix rules lists them)";
      }
    }
    reporter = Reporter.forFormat(format, Reporter.Options.NONE);
    if (!format.equals("diff") && reporter == null) {
      return "unknown --format '" + format + "' (diff, json, sarif, markdown or github)";
    }
    if (groupBy != null && !groupBy.equals("file") && !groupBy.equals("rule")) {
      return "unknown --group-by '" + groupBy + "' (file or rule)";
    }
    String badUrl = docsUrl == null ? null : Config.checkDocsUrl(docsUrl);
    if (badUrl != null) {
      return "--docs-url: " + badUrl;
    }
    if (unsafeFixes && noUnsafeFixes) {
      return "--unsafe-fixes and --no-unsafe-fixes exclude each other";
    }
    if (config != null && !Files.isRegularFile(config)) {
      return "--config " + config + ": no such file";
    }
    return null;
  }

  /** A run over standard input, with the configuration of the current directory. */
  private int stdin(Configs configs) {
    Configs.Loaded cfg = configs.forFile(Path.of(""), true);
    if (cfg.error() != null) {
      err.println(cfg.error());
      try {
        out.write(in.readAllBytes());
      } catch (IOException e) {
        // nothing to give back
      }
      return ExitCode.INPUT_ERROR.code;
    }
    reportOptions(cfg.settings().config);
    return stdin(cfg.settings().engine());
  }

  /**
   * Without files or directories on the command line, the files {@code COMPOSE_FILE} names (as
   * compose reads it).
   */
  private void composeFileVariable() {
    String composeFile = env.get("COMPOSE_FILE");
    if (composeFiles.isEmpty()
        && paths.isEmpty()
        && composeFile != null
        && !composeFile.isBlank()) {
      String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", File.pathSeparator);
      for (String f : composeFile.split(Pattern.quote(sep.isEmpty() ? File.pathSeparator : sep))) {
        if (!f.isBlank()) {
          composeFiles.add(Path.of(f.strip()));
        }
      }
    }
  }

  /**
   * Adds to {@code files} the --file files and the compose files of the paths (a directory's as its
   * configuration does not exclude them); reports what does not exist or cannot be listed.
   */
  private ExitCode inputFiles(Configs configs, List<Path> files) {
    ExitCode code = ExitCode.OK;
    for (Path f : composeFiles) {
      if (Files.isRegularFile(f)) {
        files.add(f);
      } else {
        err.println(f + ": error: no such file");
        code = code.worst(ExitCode.INPUT_ERROR);
      }
    }
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try {
          List<String> problems = new ArrayList<>();
          for (Path f : InputFiles.discover(path, problems)) {
            Configs.Loaded cfg = configs.forFile(f, false);
            if (cfg.settings() == null || !cfg.settings().config.excludes(f, path)) {
              files.add(f);
            }
          }
          problems.forEach(err::println);
          if (!problems.isEmpty()) {
            code = code.worst(ExitCode.INPUT_ERROR);
          }
        } catch (IOException e) {
          err.println(display(path) + ": error: cannot list directory: " + e.getMessage());
          code = code.worst(ExitCode.INPUT_ERROR);
        }
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        err.println(p + ": error: no such file or directory");
        code = code.worst(ExitCode.INPUT_ERROR);
      }
    }
    return code;
  }

  /** Reads, fixes and reports the files; {@code code} is the exit code so far. */
  private int run(Configs configs, List<Path> files, ExitCode code) {
    // every file is read once, in parallel: the project plan looks into the texts for includes,
    // and each file is processed from the same text
    Project.Sources cache = new Project.Sources();
    Read[] texts = new Read[files.size()];
    parallel(files.size(), i -> texts[i] = read(files.get(i), cache));
    Engine[] engines = new Engine[files.size()];
    for (int i = 0; i < engines.length; i++) {
      Configs.Loaded cfg = configs.forFile(files.get(i), false);
      engines[i] = cfg.settings() == null ? null : cfg.settings().engine();
    }
    for (Configs.Loaded bad : configs.failed()) {
      err.println(bad.error());
      code = code.worst(ExitCode.INPUT_ERROR);
    }
    Configs.Loaded first =
        configs.forFile(files.isEmpty() ? Path.of("") : files.get(0), files.isEmpty());
    reportOptions(first.settings() == null ? null : first.settings().config);
    Map<Path, Project.Member> plan =
        Project.plan(
            files,
            composeFiles.stream().filter(Files::isRegularFile).toList(),
            cache,
            f -> {
              Configs.Loaded c = configs.forFile(f, false);
              return c.settings() == null
                  ? null
                  : c.settings().config.forFile(c.settings().config.declared().overlay(), f);
            });
    // each file is fixed, diffed and placed in parallel; the outcomes are then reported in order
    Outcome[] outcomes = new Outcome[files.size()];
    parallel(
        files.size(),
        i ->
            outcomes[i] =
                engines[i] == null
                    ? Outcome.error(
                        display(files.get(i)),
                        files.get(i),
                        display(files.get(i))
                            + ": error: not processed: its configuration is invalid",
                        ExitCode.INPUT_ERROR)
                    : texts[i] instanceof Read.Failed failed
                        ? failed.outcome()
                        : finish(
                            process(
                                engines[i],
                                display(files.get(i)),
                                files.get(i),
                                ((Read.Text) texts[i]).text(),
                                plan.get(files.get(i).toAbsolutePath().normalize()))));
    Summary sum = new Summary();
    for (Outcome o : outcomes) {
      code = code.worst(report(o, sum));
    }
    err.println(sum.line(write));
    if (reporter != null) {
      out.print(reporter.render(reportBuilder.build()));
    }
    if (exitZero && code == ExitCode.FINDINGS) {
      code = ExitCode.OK;
    }
    return code.code;
  }

  /**
   * The reports' settings: the command line over the environment (docs URL only) over the
   * configuration that covers the run's first file (or the current directory).
   */
  private void reportOptions(Config cfg) {
    if (reporter == null) {
      return;
    }
    String url = docsUrl;
    String envUrl = env.get(Tool.DOCS_URL_ENV);
    if (url == null
        && envUrl != null
        && !envUrl.isBlank()
        && Config.checkDocsUrl(envUrl.strip()) == null) {
      url = envUrl.strip();
    }
    if (url == null && cfg != null) {
      url = cfg.docsUrl;
    }
    String group =
        groupBy != null ? groupBy : cfg != null && cfg.groupBy != null ? cfg.groupBy : "file";
    reporter = Reporter.forFormat(format, new Reporter.Options(url, group.equals("rule")));
  }

  /** Drops a file named twice (by -f and inside a PATH), keeping the first. */
  private static void dedupe(List<Path> files) {
    Set<Path> seen = new HashSet<>();
    files.removeIf(f -> !seen.add(f.toAbsolutePath().normalize()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  /**
   * Runs {@code body} for 0..n-1, in parallel when there is more than one (one file needs no thread
   * pool).
   */
  private static void parallel(int n, IntConsumer body) {
    if (n == 1) {
      body.accept(0);
    } else {
      IntStream.range(0, n).parallel().forEach(body);
    }
  }

  /**
   * What happened to one file. Exactly one of result and error is set; diff (what --dry-run prints)
   * and fileReport (its findings placed on disk) are worked out with the result.
   */
  record Outcome(
      String display,
      Path path,
      FileResult result,
      String error,
      ExitCode errorCode,
      String diff,
      Report.FileReport fileReport,
      Findings findings) {
    Outcome(String display, Path path, FileResult result) {
      this(display, path, result, null, null, null, null, null);
    }

    static Outcome error(String display, Path path, String error, ExitCode code) {
      return new Outcome(display, path, null, error, code, null, null, null);
    }
  }

  /** Adds the diff and the placed findings to a processed file's outcome. */
  private Outcome finish(Outcome o) {
    if (o.result == null) {
      return o;
    }
    FileResult r = o.result;
    UnifiedDiff.Lines lines = UnifiedDiff.Lines.of(r.before(), r.after());
    String diff =
        !write && reporter == null && r.changed() ? UnifiedDiff.of(o.display, lines) : null;
    Report.FileReport fr = reportBuilder.compute(o.display, r, o.path, lines);
    return new Outcome(o.display, o.path, r, null, null, diff, fr, findings(o.display, fr));
  }

  static String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    String rel;
    try {
      rel = abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    } catch (IllegalArgumentException e) {
      rel = abs.toString();
    }
    return rel.replace('\\', '/');
  }

  /** What reading a file gave: its text, or the outcome of the error that stopped it. */
  sealed interface Read {
    record Text(String text) implements Read {}

    record Failed(Outcome outcome) implements Read {}
  }

  /** A file's text (also handed to the project plan's cache), or the Outcome of an error. */
  private static Read read(Path path, Project.Sources cache) {
    String name = display(path);
    try {
      String text = InputFiles.decode(InputFiles.read(path));
      cache.preload(path, text);
      return new Read.Text(text);
    } catch (YamlException e) {
      return new Read.Failed(
          Outcome.error(
              name, path, where(name, e) + "error: " + e.getMessage(), ExitCode.INPUT_ERROR));
    } catch (NoSuchFileException e) {
      return new Read.Failed(
          Outcome.error(name, path, name + ": error: no such file", ExitCode.INPUT_ERROR));
    } catch (IOException | OutOfMemoryError e) {
      return new Read.Failed(
          Outcome.error(
              name, path, name + ": error: cannot read: " + e.getMessage(), ExitCode.INPUT_ERROR));
    }
  }

  private Outcome process(
      Engine engine, String name, Path path, String text, Project.Member member) {
    try {
      FileResult r = engine.run(name, path, text, member);
      return new Outcome(name, path, r);
    } catch (YamlException e) {
      return Outcome.error(
          name, path, where(name, e) + "error: " + e.getMessage(), ExitCode.INPUT_ERROR);
    } catch (SelfCheckException e) {
      return Outcome.error(
          name,
          path,
          name
              + ": internal error: "
              + (e.rule == null ? "" : "rule " + e.rule + ": ")
              + e.getMessage()
              + "; the file was left as it was",
          ExitCode.INTERNAL_ERROR);
    } catch (StackOverflowError | OutOfMemoryError e) {
      return Outcome.error(
          name,
          path,
          name + ": error: too deeply nested or too large to process",
          ExitCode.INPUT_ERROR);
    } catch (RuntimeException e) {
      // a bug must cost this file only (exit 3, file untouched), not the whole run
      return Outcome.error(
          name,
          path,
          name + ": internal error: " + e + "; the file was left as it was",
          ExitCode.INTERNAL_ERROR);
    }
  }

  private static String where(String name, YamlException e) {
    return e.line > 0 ? name + ":" + e.line + ":" + e.column + ": " : name + ": ";
  }

  private ExitCode report(Outcome o, Summary sum) {
    sum.files++;
    if (o.error != null) {
      reportBuilder.error(o.display, o.error);
      err.println(o.error);
      sum.errors++;
      return o.errorCode;
    }
    FileResult r = o.result;
    ExitCode code = ExitCode.OK;
    sum.suppressed += r.suppressed().size();
    for (String w : r.warnings()) {
      err.println(o.display + ":" + w.replaceFirst("^(\\d+:\\d+): ", "$1: warning: "));
    }
    if (r.changed()) {
      sum.changedFiles++;
      sum.fixes += r.fixed().size();
      if (write) {
        try {
          AtomicWrite.write(o.path, r.after());
        } catch (IOException e) {
          err.println(
              o.display
                  + ": error: cannot write: "
                  + e.getMessage()
                  + "; the file was left as it was");
          reportBuilder.error(o.display, o.display + ": error: cannot write: " + e.getMessage());
          sum.changedFiles--;
          sum.fixes -= r.fixed().size();
          sum.errors++;
          return ExitCode.INPUT_ERROR;
        }
      } else {
        if (reporter == null) {
          out.print(o.diff);
        }
        code = ExitCode.FINDINGS;
      }
    }
    reportBuilder.add(o.fileReport);
    err.print(o.findings.text());
    sum.left += o.findings.left();
    sum.unsafe += o.findings.unsafe();
    return o.findings.left() > 0 ? ExitCode.FINDINGS : code;
  }

  /** A file's open findings as the lines printed for them, and how many there are. */
  record Findings(String text, int left, int unsafe) {}

  /**
   * The lines for the open findings, with positions in the file as it is on disk (as read, or as
   * written).
   */
  private static Findings findings(String display, Report.FileReport fr) {
    StringBuilder b = new StringBuilder();
    int left = 0;
    int unsafe = 0;
    for (Report.Item item : fr.items()) {
      if (item.fixed()) {
        continue;
      }
      Finding f = item.finding();
      boolean unsafeFix = item.unsafeFixLeft();
      b.append(display)
          .append(':')
          .append(item.lineNow())
          .append(':')
          .append(item.columnNow())
          .append(": ")
          .append(f.rule())
          .append(' ')
          .append(f.message())
          .append(unsafeFix ? " [" + Applicability.UNSAFE_HINT + "]" : "")
          .append(System.lineSeparator());
      left++;
      if (unsafeFix) {
        unsafe++;
      }
    }
    return new Findings(b.toString(), left, unsafe);
  }

  private int stdin(Engine engine) {
    String text;
    byte[] bytes = null;
    try {
      bytes = InputFiles.read(in);
      text = InputFiles.decode(bytes);
    } catch (YamlException e) {
      err.println(where("-", e) + "error: " + e.getMessage());
      if (bytes.length <= InputFiles.MAX_BYTES) {
        out.write(
            bytes, 0, bytes.length); // a filter passes what it cannot process through unchanged
      }
      return ExitCode.INPUT_ERROR.code;
    } catch (IOException e) {
      err.println("-: error: cannot read standard input: " + e.getMessage());
      return ExitCode.INPUT_ERROR.code;
    }
    Outcome o = process(engine, "-", null, text, null);
    Summary sum = new Summary();
    if (o.error != null) {
      err.println(o.error);
      out.print(
          reporter == null ? text : reporter.render(reportBuilder.error("-", o.error).build()));
      return o.errorCode.code;
    }
    // with a report format, stdout carries the report (its diff shows the fixed text) instead of
    // the text
    if (reporter == null) {
      out.print(o.result.after());
    } else {
      reportBuilder.result("-", o.result);
      out.print(reporter.render(reportBuilder.build()));
    }
    for (String w : o.result.warnings()) {
      err.println("-:" + w.replaceFirst("^(\\d+:\\d+): ", "$1: warning: "));
    }
    ExitCode code = o.result.changed() ? ExitCode.FINDINGS : ExitCode.OK;
    sum.files = 1;
    if (o.result.changed()) {
      sum.changedFiles = 1;
      sum.fixes = o.result.fixed().size();
    }
    for (Finding f : o.result.remaining()) {
      err.println("-:" + f.line() + ":" + f.column() + ": " + f.rule() + " " + f.message());
      sum.left++;
      code = ExitCode.FINDINGS;
    }
    err.println(sum.line(true));
    return exitZero && code == ExitCode.FINDINGS ? 0 : code.code;
  }

  /** Counts for the one summary line on stderr. */
  static final class Summary {
    int files;
    int changedFiles;
    int fixes;
    int left;
    int unsafe;
    int errors;
    int suppressed;

    String line(boolean written) {
      StringBuilder b = new StringBuilder("composefix: ");
      b.append(files).append(files == 1 ? " file" : " files");
      b.append(", ").append(changedFiles).append(written ? " fixed" : " would change");
      b.append(" (").append(fixes).append(fixes == 1 ? " fix)" : " fixes)");
      b.append(", ").append(left).append(left == 1 ? " finding" : " findings").append(" left");
      if (unsafe > 0) {
        b.append(" (").append(unsafe).append(" fixable with --unsafe-fixes)");
      }
      if (suppressed > 0) {
        b.append(", ").append(suppressed).append(" suppressed");
      }
      if (errors > 0) {
        b.append(", ")
            .append(errors)
            .append(errors == 1 ? " file" : " files")
            .append(" not processed");
      }
      return b.toString();
    }
  }
}
