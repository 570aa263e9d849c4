package dev.backproplab.datasets.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the program looks for data besides an explicit path: the {@code BPL_DATA_DIR} environment
 * variable (a directory or URI laid out as {@code mnist/}, {@code fashion-mnist/}, {@code uci/}, ...) and
 * the user's home directory (cache {@code ~/.cache/backprop-lab/<name>/}). A record so tests inject
 * their own instead of reading the real environment.
 *
 * @param dataDir the value of {@code BPL_DATA_DIR}, empty when unset or blank
 * @param home the user's home directory
 */
public record DataEnvironment(Optional<String> dataDir, Path home) {
  /** Name of the environment variable that points at a shared data directory. */
  public static final String DATA_DIR_VARIABLE = "BPL_DATA_DIR";

  /** Validates; a blank data directory counts as unset. */
  public DataEnvironment {
    Objects.requireNonNull(home, "home");
    dataDir = Objects.requireNonNull(dataDir, "dataDir").filter(s -> !s.isBlank());
  }

  /** The real environment: {@code $BPL_DATA_DIR} and the {@code user.home} system property. */
  public static DataEnvironment fromSystem() {
    return new DataEnvironment(
        Optional.ofNullable(System.getenv(DATA_DIR_VARIABLE)), Path.of(System.getProperty("user.home")));
  }

  /** The user cache directory of a data set: {@code <home>/.cache/backprop-lab/<name>}. */
  public Path cacheDir(String name) {
    return home.resolve(".cache").resolve("backprop-lab").resolve(name);
  }
}
