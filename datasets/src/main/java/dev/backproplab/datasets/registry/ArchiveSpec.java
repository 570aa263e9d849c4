package dev.backproplab.datasets.registry;

import java.util.Objects;

/**
 * An archive (tar.gz) that a data set is published as, instead of single files.
 *
 * @param fileName the archive's name on the mirrors, e.g. {@code cifar-10-binary.tar.gz}
 * @param md5 the MD5 (lower-case hex) the publisher gives for the archive as downloaded
 * @param memberPrefix the folder inside the archive that holds the data files, e.g.
 *     {@code cifar-10-batches-bin/}; the files are moved out of it into the data set's directory
 */
public record ArchiveSpec(String fileName, String md5, String memberPrefix) {

  /** Validates. */
  public ArchiveSpec {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(memberPrefix, "memberPrefix");
    if (md5 == null || !md5.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("Invalid MD5 for " + fileName + ": " + md5);
    }
  }
}
