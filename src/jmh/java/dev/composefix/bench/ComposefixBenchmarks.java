package dev.composefix.bench;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.ComposePolicy;
import dev.composefix.engine.Engine;
import dev.composefix.engine.FileResult;
import dev.composefix.report.UnifiedDiff;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Patcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process costs of the three stages, on synthetic compose files from bench/gen_compose.py
 * (written to target/bench/compose-LINES.yaml by bench/jmh.sh): parsing, one pass of every safe
 * rule (checks and edit building, no re-parse), the whole fix loop, and the unified diff. Time per
 * file; divide by LINES for time per line: it should stay flat as files grow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComposefixBenchmarks {
  @Param({"200", "5000", "50000"})
  public int lines;

  String text;
  Document doc;
  ComposeFile file;
  List<Rule> rules;
  Engine engine;
  FileResult fixed;

  @Setup
  public void setUp() throws Exception {
    Path p = Path.of(System.getProperty("bench.dir", "target/bench"), "compose-" + lines + ".yaml");
    try {
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(p + " is missing: run bench/jmh.sh, which writes it", e);
    }
    doc = Document.parse(text);
    file = ComposeFile.of(doc, "compose.yaml");
    rules = Registry.select(List.of(), List.of());
    engine = new Engine(rules, false);
    fixed = engine.run("compose.yaml", text);
  }

  @Benchmark
  public Document parse() throws Exception {
    return Document.parse(text);
  }

  @Benchmark
  public void rulePass(Blackhole bh) {
    Patcher patcher = new Patcher(doc, ComposePolicy.INSTANCE);
    for (Rule r : rules) {
      RuleContext ctx = new RuleContext(r, file, patcher);
      r.check(ctx);
      bh.consume(ctx.findings());
    }
  }

  @Benchmark
  public FileResult fixLoop() throws Exception {
    return engine.run("compose.yaml", text);
  }

  @Benchmark
  public String diff() {
    return UnifiedDiff.of("compose.yaml", fixed.before(), fixed.after());
  }
}
