package dev.backproplab.datasets;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.fetch.DatasetFetcher;
import dev.backproplab.datasets.fetch.ExtractedManifest;
import dev.backproplab.datasets.fetch.FetchException;
import dev.backproplab.datasets.fetch.FetchResult;
import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.io.HadoopInput;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The plain-Java API behind {@code bpl datasets list|fetch NAME|verify NAME}: what is known and where it
 * is, downloading with verification, and re-checking checksums. The command-line layer formats the
 * results and maps {@link InvalidInputException} to exit code 2, {@link FetchException} and I/O failures
 * to exit code 1. Thread-safe: holds only immutable configuration.
 */
public final class DatasetManager {
  private final DatasetRegistry registry;
  private final DataEnvironment env;
  private final HadoopInput input;
  private final DatasetLocator locator;
  private final DatasetFetcher fetcher;

  /** A manager over {@code registry}, finding files per {@code env}, downloading with {@code fetcher}. */
  public DatasetManager(DatasetRegistry registry, DataEnvironment env, Configuration conf, DatasetFetcher fetcher) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.env = Objects.requireNonNull(env, "env");
    this.input = new HadoopInput(conf);
    this.locator = new DatasetLocator(input, env);
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /** The standard registry, the real environment, a default Hadoop configuration and fetcher. */
  public static DatasetManager standard() {
    return new DatasetManager(DatasetRegistry.standard(), DataEnvironment.fromSystem(), new Configuration(),
        DatasetFetcher.standard());
  }

  /** Every registry data set with where it was found (or not) and its size; reads no data. */
  public List<DatasetStatus> list() {
    List<DatasetStatus> out = new ArrayList<>();
    for (DatasetEntry e : registry.entries()) {
      Optional<LocatedDataset> found = locator.tryLocate(e, Optional.empty());
      long bytes = 0;
      if (found.isPresent() && found.get().embedded()) {
        bytes = e.downloadBytes();
      } else if (found.isPresent()) {
        for (String f : found.get().files()) {
          bytes += Math.max(0, input.length(f));
        }
      }
      out.add(new DatasetStatus(e.name(), e.description(), found.map(LocatedDataset::directory),
          found.map(LocatedDataset::source), bytes, e.downloadBytes(), e.license()));
    }
    return out;
  }

  /** Fetches {@code name} into the user cache {@code ~/.cache/backprop-lab/<name>/}. */
  public FetchResult fetch(String name) {
    return fetch(name, Optional.empty());
  }

  /**
   * Downloads and verifies {@code name} into {@code targetDir}, or the user cache when empty.
   *
   * @throws InvalidInputException if the name is unknown or names a local data set (the message says how
   *     to make it)
   * @throws FetchException if no mirror delivered a verified copy (the message lists every attempt)
   * @throws UncheckedIOException if the target cannot be written
   */
  public FetchResult fetch(String name, Optional<Path> targetDir) {
    DatasetEntry e = registry.require(name);
    if (e.isLocal()) {
      throw new InvalidInputException("Cannot fetch data set '" + e.name() + "': " + e.recipe());
    }
    return fetcher.fetch(e, targetDir.orElse(env.cacheDir(e.name())));
  }

  /** {@link #verify(String, Optional)} without an explicit location. */
  public VerificationReport verify(String name) {
    return verify(name, Optional.empty());
  }

  /**
   * Re-checks the checksums of the files found for {@code name} (looked up as for loading).
   *
   * @throws InvalidInputException if the name is unknown or its files are not found
   */
  public VerificationReport verify(String name, Optional<String> location) {
    DatasetEntry e = registry.require(name);
    LocatedDataset found = locator.locate(e, location);
    Map<String, String> manifest = found.embedded() ? Map.of() : readManifest(found.directory());
    List<FileCheck> checks = new ArrayList<>();
    for (int i = 0; i < e.files().size(); i++) {
      DatasetFile f = e.files().get(i);
      String file = found.files().get(i);
      String expected = f.sha256();
      String basis = "registry checksum of the decompressed content";
      if (expected == null) {
        expected = manifest.get(f.fileName());
        basis = "SHA256SUMS written when the verified archive was extracted";
      }
      String actual;
      try (InputStream in = open(found, file)) {
        actual = Checksums.hexOf(Checksums.sha256(), in);
      } catch (IOException | UncheckedIOException | InvalidInputException ex) {
        checks.add(new FileCheck(f.role(), file, FileCheck.Status.UNREADABLE, null, expected, ex.getMessage()));
        continue;
      }
      FileCheck.Status status = expected == null ? FileCheck.Status.NO_CHECKSUM
          : expected.equals(actual) ? FileCheck.Status.OK : FileCheck.Status.MISMATCH;
      if (expected == null) {
        basis = "no per-file checksum is published (only the archive's MD5, checked at fetch time)";
      }
      checks.add(new FileCheck(f.role(), file, status, actual, expected, basis));
    }
    return new VerificationReport(e.name(), found.directory(), checks);
  }

  private InputStream open(LocatedDataset found, String file) throws IOException {
    if (!found.embedded()) {
      return input.openDecompressed(file);
    }
    InputStream in = DatasetManager.class.getClassLoader().getResourceAsStream(file);
    if (in == null) {
      throw new IOException("embedded resource " + file + " is missing");
    }
    return HadoopInput.decompressIfGzip(in);
  }

  private Map<String, String> readManifest(String directory) {
    String uri = HadoopInput.join(directory, ExtractedManifest.FILE_NAME);
    if (!input.isFile(uri)) {
      return Map.of();
    }
    try (InputStream in = input.openDecompressed(uri);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return ExtractedManifest.parse(r.lines().toList());
    } catch (IOException e) {
      return Map.of();
    }
  }
}
