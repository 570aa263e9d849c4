package dev.backproplab.datasets;

import java.util.Optional;

/**
 * One line of {@code bpl datasets list}.
 *
 * @param name the registry name
 * @param description one line about it
 * @param location where its files were found (a directory URI or {@code classpath:...}), empty if not
 * @param source which lookup step found it ({@code given path}, {@code $BPL_DATA_DIR}, {@code user
 *     cache}, {@code embedded}), empty if not found
 * @param bytesOnDisk the size of its files as stored, or 0 if not found
 * @param downloadBytes the approximate size a fetch downloads
 * @param license the data set's license
 */
public record DatasetStatus(String name, String description, Optional<String> location, Optional<String> source,
    long bytesOnDisk, long downloadBytes, String license) {

  /** The location, or {@code not found}. */
  public String where() {
    return location.orElse("not found");
  }
}
