package dev.backproplab.datasets.registry;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.io.HadoopInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the files of a registry data set. Lookup order, first complete set wins:
 * <ol>
 *   <li>a path or URI the user gave (a directory holding the files; or the file itself for a data set of
 *       one file);
 *   <li>{@code $BPL_DATA_DIR/<folder>/}, where the folder is the entry's {@link
 *       DatasetEntry#dataDirFolder()} ({@code mnist}, {@code fashion-mnist}, {@code cifar10}, and
 *       {@code uci} for digits, iris, wine and breast-cancer, {@code espeak-words} for both speech sets);
 *   <li>the user cache {@code ~/.cache/backprop-lab/<name>/};
 *   <li>the embedded classpath copy, for entries that have one (digits).
 * </ol>
 * Each file is accepted under any of its {@link DatasetFile#names()} (gzip or raw). Directories may be
 * any Hadoop file system URI. Immutable and thread-safe.
 */
public final class DatasetLocator {
  private final HadoopInput input;
  private final DataEnvironment env;

  /** A locator reading through {@code input}, with {@code env} for the data directory and home. */
  public DatasetLocator(HadoopInput input, DataEnvironment env) {
    this.input = Objects.requireNonNull(input, "input");
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The environment this locator uses. */
  public DataEnvironment environment() {
    return env;
  }

  /**
   * Finds the data set's files.
   *
   * @param entry the registry entry
   * @param givenLocation a directory (or single file) the user named, tried first
   * @throws InvalidInputException if no location holds all files; the message names every place looked
   *     at, what was missing there, and the command that fetches the data set
   */
  public LocatedDataset locate(DatasetEntry entry, Optional<String> givenLocation) {
    List<String> looked = new ArrayList<>();
    Optional<LocatedDataset> found = search(entry, givenLocation, looked);
    if (found.isPresent()) {
      return found.get();
    }
    StringBuilder msg = new StringBuilder("Data set '").append(entry.name()).append("' not found. Looked in ");
    msg.append(String.join("; ", looked));
    if (env.dataDir().isEmpty()) {
      msg.append("; $").append(DataEnvironment.DATA_DIR_VARIABLE).append(" is not set");
    }
    msg.append(". Expected the files ").append(expectedNames(entry)).append(switch (entry.format()) {
      case IDX -> " (each gzipped or raw)";
      case CIFAR10_BINARY -> " (directly in the directory or under cifar-10-batches-bin/)";
      case CSV_IMAGES -> " (gzipped or raw)";
      case CSV_TABULAR -> "";
      case WAV_WORDS, WAV_SPEAKERS -> " (and the WAV files they list)";
    });
    if (entry.isLocal()) {
      msg.append(". ").append(entry.recipe());
    } else {
      msg.append(". Run `bpl datasets fetch ")
          .append(entry.name()).append("` to download them (about ").append(megabytes(entry.downloadBytes()))
          .append(") into ").append(env.cacheDir(entry.name())).append(", or set $")
          .append(DataEnvironment.DATA_DIR_VARIABLE).append(" to a directory holding ")
          .append(entry.dataDirFolder()).append("/.");
    }
    throw new InvalidInputException(msg.toString());
  }

  /** Like {@link #locate} but empty instead of throwing when nothing is found. */
  public Optional<LocatedDataset> tryLocate(DatasetEntry entry, Optional<String> givenLocation) {
    return search(entry, givenLocation, new ArrayList<>());
  }

  private Optional<LocatedDataset> search(DatasetEntry entry, Optional<String> given, List<String> looked) {
    if (given.isPresent()) {
      String g = given.get();
      if (entry.files().size() == 1 && input.isFile(g)) {
        String q = input.qualify(g);
        return Optional.of(new LocatedDataset(entry, q, "given path", List.of(q), false));
      }
      Optional<LocatedDataset> r = inDirectory(entry, g, "given path", looked);
      if (r.isPresent()) {
        return r;
      }
    }
    if (env.dataDir().isPresent()) {
      String dir = HadoopInput.join(env.dataDir().get(), entry.dataDirFolder());
      Optional<LocatedDataset> r = inDirectory(entry, dir, "$" + DataEnvironment.DATA_DIR_VARIABLE, looked);
      if (r.isPresent()) {
        return r;
      }
    }
    Optional<LocatedDataset> cached =
        inDirectory(entry, env.cacheDir(entry.name()).toUri().toString(), "user cache", looked);
    if (cached.isPresent()) {
      return cached;
    }
    String resource = entry.embeddedResource();
    if (resource != null && DatasetLocator.class.getClassLoader().getResource(resource) != null) {
      return Optional.of(new LocatedDataset(entry, "classpath:" + resource, "embedded", List.of(resource), true));
    }
    return Optional.empty();
  }

  private Optional<LocatedDataset> inDirectory(DatasetEntry entry, String dir, String source, List<String> looked) {
    String shown = input.qualify(dir) + " (" + source + ")";
    if (!input.isDirectory(dir)) {
      String why = input.whyUnreadable(dir);
      looked.add(shown + ": " + (why.equals("does not exist") ? "no such directory"
          : why.startsWith("exists") ? "not a directory" : why));
      return Optional.empty();
    }
    List<String> files = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (DatasetFile f : entry.files()) {
      String hit = null;
      for (String name : f.names()) {
        String candidate = HadoopInput.join(dir, name);
        if (input.isFile(candidate)) {
          hit = input.qualify(candidate);
          break;
        }
      }
      if (hit == null) {
        missing.add(f.fileName());
      } else {
        files.add(hit);
      }
    }
    if (!missing.isEmpty()) {
      looked.add(shown + ": missing " + String.join(", ", missing));
      return Optional.empty();
    }
    return Optional.of(new LocatedDataset(entry, input.qualify(dir), source, files, false));
  }

  private static String expectedNames(DatasetEntry entry) {
    List<String> names = new ArrayList<>();
    for (DatasetFile f : entry.files()) {
      names.add(f.fileName());
    }
    return String.join(", ", names);
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
