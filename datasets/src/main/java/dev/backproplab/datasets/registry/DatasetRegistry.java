package dev.backproplab.datasets.registry;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The named data sets the program knows: mnist, fashion-mnist, cifar10, digits, iris, wine,
 * breast-cancer, and the local speech sets espeak-words and espeak-speakers (see {@link #standard()}). Lookup is by name, case-insensitive, with {@code _} read as
 * {@code -} (so {@code breast_cancer} and {@code Fashion_MNIST} work). Answering what a name is costs
 * nothing: no file is read.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return modified copies (tests point the
 * mirrors at a local server with {@link #withMirrors}).
 */
public final class DatasetRegistry {
  private final Map<String, DatasetEntry> entries;

  private DatasetRegistry(Map<String, DatasetEntry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The built-in data sets. Checksums and their provenance are documented on each entry's source. */
  public static DatasetRegistry standard() {
    return of(StandardDatasets.all());
  }

  /** A registry of the given entries, in that order. */
  public static DatasetRegistry of(List<DatasetEntry> list) {
    Map<String, DatasetEntry> map = new LinkedHashMap<>();
    for (DatasetEntry e : list) {
      if (map.put(e.name(), e) != null) {
        throw new IllegalArgumentException("duplicate data set name " + e.name());
      }
    }
    return new DatasetRegistry(map);
  }

  /** All entries in registry order. */
  public List<DatasetEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** The known names in registry order. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** The entry for {@code name} (normalised: lower case, {@code _} as {@code -}), if known. */
  public Optional<DatasetEntry> find(String name) {
    return Optional.ofNullable(entries.get(normalize(name)));
  }

  /** True if {@code name} is a registry name. */
  public boolean contains(String name) {
    return find(name).isPresent();
  }

  /**
   * The entry for {@code name}.
   *
   * @throws InvalidInputException if the name is unknown; the message lists the known names and the
   *     nearest one
   */
  public DatasetEntry require(String name) {
    return find(name).orElseThrow(() -> new InvalidInputException("Unknown data set '" + name
        + "'" + Suggest.didYouMean(normalize(name), entries.keySet()) + ": known data sets: "
        + String.join(", ", entries.keySet()) + "; or give a path or URI to a directory or file holding the data."));
  }

  /** A copy in which the entry {@code name} downloads from {@code mirrors} instead. */
  public DatasetRegistry withMirrors(String name, List<URI> mirrors) {
    return replace(require(name).withMirrors(mirrors));
  }

  /** A copy in which the entry of the same name is replaced by {@code entry} (or {@code entry} is added). */
  public DatasetRegistry replace(DatasetEntry entry) {
    Map<String, DatasetEntry> map = new LinkedHashMap<>(entries);
    map.put(entry.name(), entry);
    return new DatasetRegistry(map);
  }

  private static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (n) {
      case "cifar-10" -> "cifar10";
      case "fashion-mnist", "fashionmnist" -> "fashion-mnist";
      case "breastcancer" -> "breast-cancer";
      default -> n;
    };
  }

  /** The names, for messages. */
  @Override
  public String toString() {
    return "DatasetRegistry" + new ArrayList<>(entries.keySet());
  }
}
