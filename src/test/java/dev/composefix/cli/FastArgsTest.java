package dev.composefix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The fast reading of the command line agrees with picocli's, field by field, or steps aside. */
class FastArgsTest {
  static final List<String[]> READ_FAST =
      List.of(
          new String[] {},
          new String[] {"."},
          new String[] {"--dry-run", "pom.xml"},
          new String[] {"pom.xml", "--dry-run"},
          new String[] {"--write", "--unsafe-fixes", "src", "pom.xml"},
          new String[] {"--select", "restart-policy,log-rotation", "--ignore=log-rotation", "."},
          new String[] {"--select=a", "--select", "b,c", "--exit-zero", "-"},
          new String[] {"--format", "json", "."},
          new String[] {"--format=sarif", "--dry-run", "--write"},
          new String[] {"-"});

  static final List<String[]> LEFT_TO_PICOCLI =
      List.of(
          new String[] {"--help"},
          new String[] {"-h"},
          new String[] {"--version"},
          new String[] {"rules"},
          new String[] {"explain", "log-rotation"},
          new String[] {"--dry-run", "--dry-run"},
          new String[] {"--format", "json", "--format", "diff"},
          new String[] {"--select"},
          new String[] {"--select", "--write"},
          new String[] {"--select=a,,b"},
          new String[] {"--write=true"},
          new String[] {"--", "pom.xml"},
          new String[] {"@args.txt"},
          new String[] {"no/such/file.yaml"},
          new String[] {"--config", "x.yaml"},
          new String[] {"--nope"},
          new String[] {""});

  @Test
  void commonCommandLinesReadAsPicocliReadsThem() throws Exception {
    for (String[] args : READ_FAST) {
      Main fast = new Main();
      assertTrue(FastArgs.parse(args, fast), () -> "not read fast: " + String.join(" ", args));
      Main slow = new Main();
      new CommandLine(slow).parseArgs(args);
      for (Field f : Main.class.getDeclaredFields()) {
        if (f.isAnnotationPresent(CommandLine.Option.class)
            || f.isAnnotationPresent(CommandLine.Parameters.class)) {
          f.setAccessible(true);
          Object a = f.get(fast);
          Object b = f.get(slow);
          assertTrue(
              Objects.equals(a, b),
              () ->
                  f.getName()
                      + " for '"
                      + String.join(" ", args)
                      + "': fast "
                      + a
                      + ", picocli "
                      + b
                      + " (an option added to Main must be read in FastArgs or make it step aside)");
        }
      }
    }
  }

  @Test
  void unusualCommandLinesAreLeftToPicocli() {
    for (String[] args : LEFT_TO_PICOCLI) {
      assertFalse(FastArgs.parse(args, new Main()), () -> "read fast: " + String.join(" ", args));
    }
  }

  @Test
  void versionIsWhatPicocliPrints() {
    for (String flag : List.of("--version", "-V")) {
      java.io.ByteArrayOutputStream fast = new java.io.ByteArrayOutputStream();
      int code =
          Main.run(new String[] {flag}, new java.io.PrintStream(fast, true), System.err, System.in);
      java.io.StringWriter slow = new java.io.StringWriter();
      CommandLine cl = new CommandLine(new Main());
      cl.setOut(new java.io.PrintWriter(slow, true));
      assertEquals(cl.execute(flag), code);
      assertEquals(slow.toString(), fast.toString());
    }
  }

  @Test
  void subcommandsAreKnown() {
    assertEquals(new CommandLine(new Main()).getSubcommands().keySet(), FastArgs.SUBCOMMANDS);
  }
}
