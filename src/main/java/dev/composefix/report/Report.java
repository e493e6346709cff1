package dev.composefix.report;

import dev.composefix.engine.FileResult;
import dev.composefix.engine.Suppressed;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Finding;
import dev.composefix.rule.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run, as the report formats see it: the rules that ran, and per file (in the order the files
 * were processed) its diff and every finding, fixed or left, with its position in the file as it
 * was read.
 *
 * @param rules the rules that ran, in registry order
 * @param written whether the fixes were written (--write) rather than only shown
 * @param unsafeFixes whether unsafe fixes were applied
 */
public record Report(
    List<Rule> rules, boolean written, boolean unsafeFixes, List<FileReport> files) {

  /**
   * One file: either an error (the file was not processed) or a result.
   *
   * @param path the file's path relative to the working directory, with '/' separators ("-" for
   *     stdin)
   */
  public record FileReport(
      String path, String error, FileResult result, List<Item> items, List<Quiet> suppressed) {
    public boolean changed() {
      return result != null && result.changed();
    }

    /** The unified diff of the fixes, as --format diff prints it; "" when nothing changed. */
    public String diff() {
      return result == null ? "" : UnifiedDiff.of(path, result.before(), result.after());
    }
  }

  /**
   * A finding and where it is.
   *
   * @param line 1-based line in the file as it was read
   * @param column 1-based column in the file as it was read
   * @param lineNow the line in the file as it is after the run (after --write, the written text),
   *     or 0 for a fixed finding after --write, which is no longer in the file
   * @param columnNow the column that goes with lineNow
   */
  public record Item(
      Finding finding, boolean fixed, int line, int column, int lineNow, int columnNow) {
    /** Whether --unsafe-fixes would fix it (an unsafe fix left for a human). */
    public boolean unsafeFixLeft() {
      return !fixed && finding.fixable() && finding.applicability() == Applicability.UNSAFE;
    }
  }

  /**
   * A finding that a suppression kept quiet (neither fixed nor open), placed as {@link Item} places
   * an open finding.
   */
  public record Quiet(Suppressed suppressed, int line, int column, int lineNow, int columnNow) {
    public Finding finding() {
      return suppressed.finding();
    }
  }

  /** Collects the files of a run in order. */
  public static final class Builder {
    private final List<Rule> rules;
    private final boolean written;
    private final boolean unsafeFixes;
    private final List<FileReport> files = new ArrayList<>();

    private boolean fixedPositions = true;

    public Builder(List<Rule> rules, boolean written, boolean unsafeFixes) {
      this.rules = List.copyOf(rules);
      this.written = written;
      this.unsafeFixes = unsafeFixes;
    }

    /**
     * Whether fixed findings get their position in the file as read (the default), which costs one
     * more check of each file; without it they keep the engine's position. Open findings are always
     * placed exactly.
     */
    public Builder fixedPositions(boolean exact) {
      this.fixedPositions = exact;
      return this;
    }

    public Builder error(String path, String message) {
      files.add(new FileReport(path, message, null, List.of(), List.of()));
      return this;
    }

    /** Adds a file's result and returns its report (its findings with their positions on disk). */
    public FileReport result(String path, FileResult r) {
      return result(path, r, null);
    }

    /**
     * As {@link #result(String, FileResult)}, with the file's place on disk (for rules that read
     * beside it).
     */
    public FileReport result(String path, FileResult r, Path file) {
      return add(compute(path, r, file, UnifiedDiff.Lines.of(r.before(), r.after())));
    }

    /** Adds a report that {@link #compute} made. */
    public FileReport add(FileReport fr) {
      files.add(fr);
      return fr;
    }

    /**
     * A file's report (its findings with their positions on disk), not yet added: safe to call from
     * several threads at once, so that files are reported in parallel and added in order.
     */
    public FileReport compute(String path, FileResult r, Path file, UnifiedDiff.Lines lines) {
      Positions pos = new Positions(r, fixedPositions ? rules : List.of(), file, lines);
      List<Item> items = new ArrayList<>();
      for (Finding f : r.fixed()) {
        int[] at = pos.fixed(f);
        items.add(
            written
                ? new Item(f, true, at[0], at[1], 0, 0)
                : new Item(f, true, at[0], at[1], at[0], at[1]));
      }
      for (Finding f : r.remaining()) {
        int[] at = pos.remaining(f);
        items.add(
            written
                ? new Item(f, false, at[0], at[1], f.line(), f.column())
                : new Item(f, false, at[0], at[1], at[0], at[1]));
      }
      items.sort(
          (a, b) ->
              a.line() != b.line()
                  ? Integer.compare(a.line(), b.line())
                  : a.column() != b.column()
                      ? Integer.compare(a.column(), b.column())
                      : a.finding().rule().compareTo(b.finding().rule()));
      List<Quiet> quiet = new ArrayList<>();
      for (Suppressed q : r.suppressed()) {
        int[] at = pos.remaining(q.finding());
        Finding f = q.finding();
        quiet.add(
            written
                ? new Quiet(q, at[0], at[1], f.line(), f.column())
                : new Quiet(q, at[0], at[1], at[0], at[1]));
      }
      quiet.sort(
          (a, b) ->
              a.line() != b.line()
                  ? Integer.compare(a.line(), b.line())
                  : a.finding().rule().compareTo(b.finding().rule()));
      return new FileReport(path, null, r, List.copyOf(items), List.copyOf(quiet));
    }

    public Report build() {
      return new Report(rules, written, unsafeFixes, List.copyOf(files));
    }
  }

  /** Counts over the whole run. */
  public int fixedCount() {
    return (int) files.stream().flatMap(f -> f.items().stream()).filter(Item::fixed).count();
  }

  public int leftCount() {
    return (int) files.stream().flatMap(f -> f.items().stream()).filter(i -> !i.fixed()).count();
  }

  public int changedCount() {
    return (int) files.stream().filter(FileReport::changed).count();
  }

  public int errorCount() {
    return (int) files.stream().filter(f -> f.error() != null).count();
  }
}
