package dev.backproplab.datasets.registry;

import java.util.List;

/**
 * Where a data set's files were found.
 *
 * @param entry the registry entry
 * @param directory the directory (qualified URI) holding the files, or {@code classpath:<resource>}
 * @param source which lookup step found them: {@code given path}, {@code $BPL_DATA_DIR},
 *     {@code user cache} or {@code embedded}
 * @param files one location per {@link DatasetEntry#files()} entry, in the same order: a qualified URI,
 *     or a classpath resource name when {@code embedded}
 * @param embedded true if the files are classpath resources (the embedded digits)
 */
public record LocatedDataset(DatasetEntry entry, String directory, String source, List<String> files,
    boolean embedded) {

  /** Copies the list. */
  public LocatedDataset {
    files = List.copyOf(files);
  }
}
