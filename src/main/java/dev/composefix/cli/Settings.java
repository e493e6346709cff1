package dev.composefix.cli;

import dev.composefix.config.Config;
import dev.composefix.engine.Engine;
import dev.composefix.rule.Rule;
import dev.composefix.rules.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run does for the files under one configuration: the command line over the file, as Ruff
 * does it. {@code --select} replaces the file's {@code select} and its {@code ignore} (the command
 * line says exactly which rules it wants); {@code --ignore} adds to the file's {@code ignore};
 * {@code --unsafe-fixes} / {@code --no-unsafe-fixes} override {@code unsafe-fixes}. Per-service
 * ignores, exclude and knowledge come from the file only.
 */
public final class Settings {
  public final Config config;
  public final List<Rule> rules;
  public final boolean unsafeFixes;

  private Settings(Config config, List<Rule> rules, boolean unsafeFixes) {
    this.config = config;
    this.rules = rules;
    this.unsafeFixes = unsafeFixes;
  }

  /**
   * Command-line values over the configuration's. Empty lists mean the option was not given; {@code
   * unsafe} and {@code noUnsafe} are the two flags.
   */
  public static Settings of(
      Config config,
      List<String> cliSelect,
      List<String> cliIgnore,
      boolean unsafe,
      boolean noUnsafe) {
    Config c = config == null ? Config.NONE : config;
    List<String> select;
    List<String> ignore = new ArrayList<>(cliIgnore);
    if (!cliSelect.isEmpty()) {
      select = cliSelect;
    } else {
      select = c.select == null ? List.of() : c.select;
      if (c.ignore != null) {
        ignore.addAll(c.ignore);
      }
    }
    boolean u = unsafe || (!noUnsafe && Boolean.TRUE.equals(c.unsafeFixes));
    return new Settings(c, Registry.select(select, ignore), u);
  }

  public Engine engine() {
    return new Engine(rules, unsafeFixes, config);
  }
}
