package dev.composefix.cli;

import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.engine.SelfCheckException;
import dev.composefix.report.UnifiedDiff;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Registry;
import dev.composefix.rule.Rule;
import dev.composefix.yaml.YamlException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line. {@link #run} is the whole program, testable without System.exit. */
@Command(name = "composefix", mixinStandardHelpOptions = true, version = "composefix 0.1.0",
    description = "Hardens Docker Compose files by rewriting them: a unified diff by default, in place with --write.",
    subcommands = {RulesCommand.class, ExplainCommand.class},
    sortOptions = false)
public final class Main implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Print what would change as a unified diff; touch nothing (default).")
  boolean dryRun;

  @Option(names = "--write", description = "Apply the changes in place.")
  boolean write;

  @Option(names = "--unsafe-fixes", description = "Also apply fixes that can change runtime behaviour.")
  boolean unsafeFixes;

  @Option(names = "--select", split = ",", paramLabel = "IDS", description = "Only these rules (comma-separated).")
  List<String> select = new ArrayList<>();

  @Option(names = "--ignore", split = ",", paramLabel = "IDS", description = "Skip these rules (comma-separated).")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "diff",
      description = "Output format: diff (default), json, sarif, markdown, github.")
  String format;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: nearest .composefix.yaml).")
  Path config;

  @Option(names = "--exit-zero", description = "Exit 0 even when changes are pending or findings remain.")
  boolean exitZero;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Compose files or directories (default: .); - reads standard input.")
  List<String> paths = new ArrayList<>();

  PrintStream out;
  PrintStream err;
  InputStream in;

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 14),
        false, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.in);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the program with the given streams and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    Main main = new Main();
    main.out = out;
    main.err = err;
    main.in = in;
    CommandLine cl = new CommandLine(main);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("composefix: " + ex.getMessage());
      err.println("Try 'composefix --help'.");
      return ExitCode.INPUT_ERROR.code;
    });
    cl.setExecutionExceptionHandler((ex, c, r) -> {
      err.println("composefix: internal error: " + ex);
      return ExitCode.INTERNAL_ERROR.code;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private int usage(String msg) {
    err.println("composefix: " + msg);
    return ExitCode.INPUT_ERROR.code;
  }

  @Override
  public Integer call() {
    if (dryRun && write) {
      return usage("--dry-run and --write exclude each other");
    }
    for (String id : concat(select, ignore)) {
      if (!id.equals("ALL") && Registry.byId(id) == null) {
        return usage("unknown rule '" + id + "' (composefix rules lists them)");
      }
    }
    if (!format.equals("diff")) {
      return usage("unknown --format '" + format + "' (this version writes: diff)");
    }
    List<Rule> rules = Registry.select(select, ignore);
    Engine engine = new Engine(rules, unsafeFixes);
    if (paths.equals(List.of("-"))) {
      return stdin(engine);
    }
    if (paths.isEmpty()) {
      paths = List.of(".");
    }
    ExitCode code = ExitCode.OK;
    List<Path> files = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try {
          List<String> problems = new ArrayList<>();
          files.addAll(InputFiles.discover(path, problems));
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
    Outcome[] outcomes = IntStream.range(0, files.size()).parallel()
        .mapToObj(i -> process(engine, files.get(i))).toArray(Outcome[]::new);
    Summary sum = new Summary();
    for (Outcome o : outcomes) {
      code = code.worst(report(o, sum));
    }
    err.println(sum.line(write));
    if (exitZero && code == ExitCode.FINDINGS) {
      code = ExitCode.OK;
    }
    return code.code;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  /** What happened to one file. Exactly one of result and error is set. */
  record Outcome(String display, Path path, FileResult result, String error, ExitCode errorCode) { }

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

  private Outcome process(Engine engine, Path path) {
    String name = display(path);
    String text;
    try {
      text = InputFiles.decode(InputFiles.read(path));
    } catch (YamlException e) {
      return new Outcome(name, path, null, where(name, e) + "error: " + e.getMessage(), ExitCode.INPUT_ERROR);
    } catch (NoSuchFileException e) {
      return new Outcome(name, path, null, name + ": error: no such file", ExitCode.INPUT_ERROR);
    } catch (IOException | OutOfMemoryError e) {
      return new Outcome(name, path, null, name + ": error: cannot read: " + e.getMessage(), ExitCode.INPUT_ERROR);
    }
    return process(engine, name, path, text);
  }

  private Outcome process(Engine engine, String name, Path path, String text) {
    try {
      return new Outcome(name, path, engine.run(name, path, text), null, null);
    } catch (YamlException e) {
      return new Outcome(name, path, null, where(name, e) + "error: " + e.getMessage(), ExitCode.INPUT_ERROR);
    } catch (SelfCheckException e) {
      return new Outcome(name, path, null, name + ": internal error: "
          + (e.rule == null ? "" : "rule " + e.rule + ": ") + e.getMessage() + "; the file was left as it was",
          ExitCode.INTERNAL_ERROR);
    } catch (StackOverflowError | OutOfMemoryError e) {
      return new Outcome(name, path, null, name + ": error: too deeply nested or too large to process",
          ExitCode.INPUT_ERROR);
    } catch (RuntimeException e) {
      // a bug must cost this file only (exit 3, file untouched), not the whole run
      return new Outcome(name, path, null, name + ": internal error: " + e + "; the file was left as it was",
          ExitCode.INTERNAL_ERROR);
    }
  }

  private static String where(String name, YamlException e) {
    return e.line > 0 ? name + ":" + e.line + ":" + e.column + ": " : name + ": ";
  }

  private ExitCode report(Outcome o, Summary sum) {
    sum.files++;
    if (o.error != null) {
      err.println(o.error);
      sum.errors++;
      return o.errorCode;
    }
    FileResult r = o.result;
    ExitCode code = ExitCode.OK;
    if (r.changed()) {
      sum.changedFiles++;
      sum.fixes += r.fixed().size();
      if (write) {
        try {
          AtomicWrite.write(o.path, r.after());
        } catch (IOException e) {
          err.println(o.display + ": error: cannot write: " + e.getMessage() + "; the file was left as it was");
          sum.changedFiles--;
          sum.fixes -= r.fixed().size();
          sum.errors++;
          return ExitCode.INPUT_ERROR;
        }
      } else {
        out.print(UnifiedDiff.of(o.display, r.before(), r.after()));
        code = ExitCode.FINDINGS;
      }
    }
    for (Finding f : r.remaining()) {
      String hint = f.applicability() == Applicability.UNSAFE && f.fixable() ? " [fix with --unsafe-fixes]" : "";
      err.println(o.display + ":" + f.line() + ":" + f.column() + ": " + f.rule() + " " + f.message() + hint);
      sum.left++;
      if (f.applicability() == Applicability.UNSAFE && f.fixable()) {
        sum.unsafe++;
      }
      code = ExitCode.FINDINGS;
    }
    return code;
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
        out.write(bytes, 0, bytes.length); // a filter passes what it cannot process through unchanged
      }
      return ExitCode.INPUT_ERROR.code;
    } catch (IOException e) {
      err.println("-: error: cannot read standard input: " + e.getMessage());
      return ExitCode.INPUT_ERROR.code;
    }
    Outcome o = process(engine, "-", null, text);
    Summary sum = new Summary();
    if (o.error != null) {
      err.println(o.error);
      out.print(text);
      return o.errorCode.code;
    }
    out.print(o.result.after());
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

    String line(boolean written) {
      StringBuilder b = new StringBuilder("composefix: ");
      b.append(files).append(files == 1 ? " file" : " files");
      b.append(", ").append(changedFiles).append(written ? " fixed" : " would change");
      b.append(" (").append(fixes).append(fixes == 1 ? " fix)" : " fixes)");
      b.append(", ").append(left).append(left == 1 ? " finding" : " findings").append(" left");
      if (unsafe > 0) {
        b.append(" (").append(unsafe).append(" fixable with --unsafe-fixes)");
      }
      if (errors > 0) {
        b.append(", ").append(errors).append(errors == 1 ? " file" : " files").append(" not processed");
      }
      return b.toString();
    }
  }
}
