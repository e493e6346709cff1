package dev.composefix.cli;

import dev.composefix.config.Config;
import dev.composefix.rules.Registry;
import dev.composefix.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds and loads the configuration of each compose file once per configuration file: the one given
 * with {@code --config}, else the nearest {@value Config#FILE_NAME}. Not thread-safe: resolve the
 * files first, then process them.
 */
public final class Configs {
  /** A loaded configuration with the settings it gives, or the error that stops its files. */
  public record Loaded(Path path, Settings settings, String error) {}

  private final Path explicit;
  private final Function<Config, Settings> settings;
  private final Function<Path, String> display;
  private final Map<Path, Loaded> cache = new HashMap<>();
  private final Map<Path, Path> found = new HashMap<>();

  /**
   * @param explicit the {@code --config} file, or null
   * @param settings what the command line makes of a configuration
   * @param display how a path is shown in messages
   */
  public Configs(
      Path explicit, Function<Config, Settings> settings, Function<Path, String> display) {
    this.explicit = explicit;
    this.settings = settings;
    this.display = display;
  }

  /**
   * The configuration for a compose file (or, with {@code dir} true, for files in that directory).
   */
  public Loaded forFile(Path file, boolean dir) {
    Path where = explicit;
    if (where == null) {
      Path d = dir ? file : file.toAbsolutePath().normalize().getParent();
      where = d == null ? null : nearest(d);
    }
    if (where == null) {
      return cache.computeIfAbsent(
          Path.of(""), k -> new Loaded(null, settings.apply(Config.NONE), null));
    }
    return cache.computeIfAbsent(where.toAbsolutePath().normalize(), this::load);
  }

  /**
   * {@link Config#find}, remembering the answer for every directory on the way up: the files of a
   * tree share the walk instead of each going up to the root.
   */
  private Path nearest(Path dir) {
    if (found.containsKey(dir)) {
      return found.get(dir);
    }
    Path d = dir.toAbsolutePath().normalize();
    Path c = d.resolve(Config.FILE_NAME);
    Path r;
    if (Files.isRegularFile(c)) {
      r = c;
    } else if (d.getParent() == null || Files.exists(d.resolve(".git"))) {
      r = null;
    } else {
      r = nearest(d.getParent());
    }
    found.put(dir, r);
    return r;
  }

  private Loaded load(Path p) {
    String name = display.apply(p);
    try {
      return new Loaded(p, settings.apply(Config.load(p, Registry.ids())), null);
    } catch (YamlException e) {
      String at = e.line > 0 ? name + ":" + e.line + ":" + e.column + ": " : name + ": ";
      return new Loaded(p, null, at + "error: " + e.getMessage());
    } catch (CharacterCodingException e) {
      return new Loaded(p, null, name + ": error: not UTF-8 text");
    } catch (IOException e) {
      return new Loaded(p, null, name + ": error: cannot read configuration: " + e.getMessage());
    }
  }

  /** Every configuration loaded so far that could not be used. */
  public List<Loaded> failed() {
    return cache.values().stream().filter(l -> l.error != null).toList();
  }
}
