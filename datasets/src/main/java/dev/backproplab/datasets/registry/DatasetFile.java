package dev.backproplab.datasets.registry;

import java.util.List;
import java.util.Objects;

/**
 * One file of a data set.
 *
 * @param role what the file holds, e.g. {@code train-images}; also its position in the content hash
 * @param names the names under which the file is accepted, relative to the data set's directory; the
 *     first is the name it is downloaded as (e.g. {@code train-images-idx3-ubyte.gz}, then the raw
 *     {@code train-images-idx3-ubyte})
 * @param sha256 SHA-256 (lower-case hex) of the file's <em>decompressed</em> content, or {@code null}
 *     when no checksum of the single file is published (then the entry's archive checksum applies)
 */
public record DatasetFile(String role, List<String> names, String sha256) {

  /** Validates and copies. */
  public DatasetFile {
    Objects.requireNonNull(role, "role");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("file " + role + " needs at least one name");
    }
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Invalid SHA-256 for " + role + ": " + sha256);
    }
  }

  /** The name the file is downloaded as. */
  public String fileName() {
    return names.get(0);
  }
}
