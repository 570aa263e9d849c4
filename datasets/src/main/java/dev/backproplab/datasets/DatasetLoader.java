package dev.backproplab.datasets;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.datasets.io.CifarReader;
import dev.backproplab.datasets.io.CsvLayout;
import dev.backproplab.datasets.io.CsvReader;
import dev.backproplab.datasets.io.HadoopInput;
import dev.backproplab.datasets.io.IdxReader;
import dev.backproplab.datasets.registry.DataEnvironment;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFile;
import dev.backproplab.datasets.registry.DatasetLocator;
import dev.backproplab.datasets.registry.DatasetRegistry;
import dev.backproplab.datasets.registry.LocatedDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a data set for training: {@code load("mnist")}, {@code load("digits")}, or
 * {@code load("hdfs://nn/data/mnist")}.
 *
 * <p><b>Names and paths.</b> A registry name (see {@link DatasetRegistry}) is looked up with {@link
 * DatasetLocator} (a given location, then {@code $BPL_DATA_DIR}, then the user cache, then for digits the
 * embedded copy), and each file's checksum is checked against the registry while it is read. Anything
 * else is a path or URI: a directory of IDX files ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]},
 * {@code t10k-labels-idx1-ubyte[.gz]}), a directory of CIFAR-10 batches, or a CSV file (with
 * scikit-learn's {@code n,d,names} header or without; treated as tabular). A name wins over a relative
 * path of the same spelling (write {@code ./mnist} for the path).
 *
 * <p><b>Splits and scaling.</b> MNIST, Fashion-MNIST and CIFAR-10 use their official splits; CSV data is
 * split per class with {@link LoadOptions#testFraction()} and {@link LoadOptions#splitSeed()} (fixed by
 * default, so a file gives the same split everywhere). Images are scaled to [0, 1] (pixels / 255, digits
 * / 16); tabular data is standardised with the training split's mean and standard deviation, applied to
 * both splits.
 *
 * <p><b>Checksum.</b> {@link DataSplit#sha256()} is the SHA-256 over the decompressed content of the
 * files, concatenated in this fixed order: for IDX train images, train labels, test images, test labels;
 * for CIFAR-10 {@code data_batch_1..5.bin} then {@code test_batch.bin}; for CSV the one file (for the
 * embedded digits, the decompressed resource). It does not depend on compression or location.
 *
 * <p>Thread-safe: instances hold only immutable configuration.
 */
public final class DatasetLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);

  private final DatasetRegistry registry;
  private final HadoopInput input;
  private final DatasetLocator locator;

  /** A loader over {@code registry}, looking for files per {@code env}, reading through {@code conf}. */
  public DatasetLoader(DatasetRegistry registry, DataEnvironment env, Configuration conf) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.input = new HadoopInput(conf);
    this.locator = new DatasetLocator(input, env);
  }

  /** The standard registry, the real environment and a default Hadoop configuration. */
  public static DatasetLoader standard() {
    return new DatasetLoader(DatasetRegistry.standard(), DataEnvironment.fromSystem(), new Configuration());
  }

  /** The registry in use. */
  public DatasetRegistry registry() {
    return registry;
  }

  /** {@link #load(String, LoadOptions)} with {@link LoadOptions#defaults()}. */
  public DataSplit load(String nameOrPath) {
    return load(nameOrPath, LoadOptions.defaults());
  }

  /**
   * Loads a registry data set or the data at a path/URI.
   *
   * @throws InvalidInputException if the name is unknown (the message lists the known names and the
   *     nearest), the files are not found (the message lists where it looked and how to fetch), or a file
   *     is malformed or fails its checksum (the message names the file, what was found and expected)
   * @throws java.io.UncheckedIOException on an I/O failure of the file system
   */
  public DataSplit load(String nameOrPath, LoadOptions options) {
    Objects.requireNonNull(options, "options");
    Optional<DatasetEntry> entry = registry.find(nameOrPath);
    if (entry.isPresent()) {
      return loadEntry(entry.get(), options);
    }
    return loadPath(requirePath(nameOrPath), options);
  }

  private DataSplit loadEntry(DatasetEntry e, LoadOptions options) {
    LocatedDataset found = locator.locate(e, options.location());
    LOG.info("Loading {} from {} ({})", e.name(), found.directory(), found.source());
    List<String> shas = new ArrayList<>();
    for (DatasetFile f : e.files()) {
      shas.add(f.sha256());
    }
    HashedFiles files = new HashedFiles(input, e.name(), found.files(), shas, found.embedded());
    int[] shape = e.sampleShape();
    return switch (e.format()) {
      case IDX -> SplitReader.idx(e.name(), files, shape[1], shape[2], e.numClasses());
      case CIFAR10_BINARY -> SplitReader.cifar(e.name(), files);
      case CSV_IMAGES -> SplitReader.csv(e.name(), files,
          new CsvLayout(false, e.numFeatures(), e.numClasses(), 0, e.pixelMax()), shape, e.pixelMax(), options);
      case CSV_TABULAR -> SplitReader.csv(e.name(), files,
          new CsvLayout(true, e.numFeatures(), e.numClasses(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
          shape, 0, options);
      case WAV_WORDS, WAV_SPEAKERS -> SpeechClips.read(e, files, input, found.directory());
    };
  }

  private String requirePath(String nameOrPath) {
    boolean pathLike = nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.contains(":")
        || nameOrPath.contains(".");
    if (!pathLike && !input.isFile(nameOrPath) && !input.isDirectory(nameOrPath)) {
      registry.require(nameOrPath); // throws: unknown name, with the nearest known one
    }
    if (!input.isFile(nameOrPath) && !input.isDirectory(nameOrPath)) {
      throw new InvalidInputException("Cannot load data set '" + nameOrPath + "': " + input.qualify(nameOrPath)
          + " " + input.whyUnreadable(nameOrPath) + ", and it is not a known data set name ("
          + (pathLike ? "" : Suggest.didYouMean(nameOrPath, registry.names()).strip() + " known: ")
          + String.join(", ", registry.names())
          + "); expected a registry name, or a path or URI to a directory or file holding the data.");
    }
    return nameOrPath;
  }

  private DataSplit loadPath(String path, LoadOptions options) {
    if (input.isFile(path)) {
      CsvLayout layout = firstLineIsHeader(path) ? CsvLayout.withHeader() : CsvLayout.noHeader();
      HashedFiles files = new HashedFiles(input, path, List.of(input.qualify(path)), List.of(), false);
      return SplitReader.csv(path, files, layout, null, 0, options);
    }
    List<String> idx = findAll(path, List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"), List.of(".gz", ""));
    if (idx != null) {
      HashedFiles files = new HashedFiles(input, path, idx, List.of(), false);
      return SplitReader.idx(path, files, IdxReader.ANY, IdxReader.ANY, -1);
    }
    List<String> batches = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      batches.add("data_batch_" + i);
    }
    batches.add("test_batch");
    List<String> cifar = findAll(path, batches, List.of(".bin", ""));
    if (cifar == null) {
      cifar = findAll(HadoopInput.join(path, "cifar-10-batches-bin"), batches, List.of(".bin", ""));
    }
    if (cifar != null) {
      LOG.debug("CIFAR-10 batches of {} bytes per record", CifarReader.RECORD);
      return SplitReader.cifar(path, new HashedFiles(input, path, cifar, List.of(), false));
    }
    throw new InvalidInputException("Cannot load data from directory " + input.qualify(path)
        + ": it holds neither the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
        + "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each raw or .gz) nor the CIFAR-10 batches "
        + "(data_batch_1.bin .. data_batch_5.bin, test_batch.bin); give one of those or a CSV file.");
  }

  private List<String> findAll(String dir, List<String> bases, List<String> suffixes) {
    List<String> out = new ArrayList<>();
    for (String base : bases) {
      String hit = null;
      for (String suffix : suffixes) {
        String candidate = HadoopInput.join(dir, base + suffix);
        if (input.isFile(candidate)) {
          hit = input.qualify(candidate);
          break;
        }
      }
      if (hit == null) {
        return null;
      }
      out.add(hit);
    }
    return out;
  }

  private boolean firstLineIsHeader(String path) {
    try (InputStream in = input.openDecompressed(path);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && line.isBlank()) {
        // skip leading blank lines
      }
      return line != null && CsvReader.looksLikeHeader(line);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
