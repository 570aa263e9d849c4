package dev.backproplab.datasets.registry;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about a named data set without reading it: where its files live and how to check
 * them, where to download them, what one sample looks like, and whose work it is.
 *
 * @param name the registry name, e.g. {@code mnist}
 * @param description one line for listings
 * @param format how the files are stored (decides reader and split)
 * @param normalization how features are scaled for training
 * @param pixelMax the largest pixel value (255 for 8-bit images, 16 for digits); 0 for tabular data
 * @param dataDirFolder the folder under {@code $BPL_DATA_DIR} holding the files ({@code mnist},
 *     {@code fashion-mnist}, {@code uci}, ...)
 * @param files the data files, in the fixed order in which they are read and hashed
 * @param archive the archive the files are published in, if they are not published singly
 * @param mirrors base URLs (ending in {@code /}) tried in order; a file's URL is a mirror plus its
 *     download name (or the archive's name)
 * @param embeddedResource a classpath resource holding the single data file, used when nothing is found
 *     on disk; null if none
 * @param sampleShape the shape of one sample ({@code [c, h, w]} images, {@code [d]} tabular)
 * @param numClasses number of classes
 * @param totalSamples number of samples in all files together
 * @param officialTestSamples the size of the published test split, or 0 if the loader splits
 * @param downloadBytes approximate number of bytes a fetch downloads
 * @param license the data set's license
 * @param citation the reference to cite
 */
public record DatasetEntry(
    String name,
    String description,
    DatasetFormat format,
    Normalization normalization,
    double pixelMax,
    String dataDirFolder,
    List<DatasetFile> files,
    Optional<ArchiveSpec> archive,
    List<URI> mirrors,
    String embeddedResource,
    int[] sampleShape,
    int numClasses,
    int totalSamples,
    int officialTestSamples,
    long downloadBytes,
    String license,
    String citation) {

  /** Validates and copies the lists. */
  public DatasetEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(normalization, "normalization");
    files = List.copyOf(files);
    mirrors = List.copyOf(mirrors);
    archive = Objects.requireNonNull(archive, "archive");
    sampleShape = sampleShape.clone();
    if (files.isEmpty()) {
      throw new IllegalArgumentException(name + ": a data set needs at least one file");
    }
    for (URI m : mirrors) {
      String scheme = m.getScheme();
      if (!("https".equals(scheme) || "http".equals(scheme)) || !m.getPath().endsWith("/")) {
        throw new IllegalArgumentException(name + ": mirror " + m + " must be an http(s) URL ending in /");
      }
    }
    if (archive.isEmpty()) {
      for (DatasetFile f : files) {
        if (f.sha256() == null) {
          throw new IllegalArgumentException(name + ": file " + f.role() + " has no checksum and no archive");
        }
      }
    }
    if (numClasses < 2 || totalSamples <= 0 || officialTestSamples < 0 || officialTestSamples >= totalSamples) {
      throw new IllegalArgumentException(name + ": invalid classes or sample counts");
    }
  }

  /** A copy of the shape of one sample. */
  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Number of features per sample (the product of the sample shape). */
  public int numFeatures() {
    int d = 1;
    for (int s : sampleShape) {
      d *= s;
    }
    return d;
  }

  /** True if the train/test split is the published one (otherwise the loader splits). */
  public boolean hasOfficialSplit() {
    return officialTestSamples > 0;
  }

  /**
   * True for a data set made on the user's machine rather than downloaded (no mirror): its files are
   * built by the recipe {@link #recipe()} names.
   */
  public boolean isLocal() {
    return mirrors.isEmpty() && embeddedResource == null;
  }

  /** How to get the files: the fetch command, or for a local data set the script that makes them. */
  public String recipe() {
    return isLocal()
        ? "It has no public mirror: make it with `scripts/make-" + dataDirFolder + ".sh DIR` from the backprop-lab "
            + "sources (its header names the packages it needs), then set $BPL_DATA_DIR to the folder holding "
            + dataDirFolder + "/."
        : "Run `bpl datasets fetch " + name + "` to download it.";
  }

  /** The same entry downloading from {@code newMirrors} instead (tests, private mirrors). */
  public DatasetEntry withMirrors(List<URI> newMirrors) {
    return new DatasetEntry(name, description, format, normalization, pixelMax, dataDirFolder, files, archive,
        newMirrors, embeddedResource, sampleShape, numClasses, totalSamples, officialTestSamples, downloadBytes,
        license, citation);
  }

  /** The same entry with other files and archive (tests). */
  public DatasetEntry withFiles(List<DatasetFile> newFiles, Optional<ArchiveSpec> newArchive) {
    return new DatasetEntry(name, description, format, normalization, pixelMax, dataDirFolder, newFiles,
        newArchive, mirrors, embeddedResource, sampleShape, numClasses, totalSamples, officialTestSamples,
        downloadBytes, license, citation);
  }
}
