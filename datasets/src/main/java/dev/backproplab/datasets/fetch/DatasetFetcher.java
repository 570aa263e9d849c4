package dev.backproplab.datasets.fetch;

import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.registry.ArchiveSpec;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a registry data set into a local folder, verified.
 *
 * <p>For each file (or the entry's archive): try each mirror in order, each up to {@link
 * RetryPolicy#attemptsPerMirror()} times with backoff; download to a temporary name in the target folder
 * ({@code .<name>.<random>.part}); check the checksum (SHA-256 of the decompressed content for single
 * files, the publisher's MD5 for an archive); only then rename atomically to the final name. A failed
 * download's temporary file is deleted, so a final name never holds a partial or unverified file. An
 * archive is extracted into a staging folder inside the target (entries escaping it are refused), its
 * data files are moved into the target, and a {@link ExtractedManifest} of their SHA-256s is written.
 * Files already present and matching their checksum are not downloaded again.
 *
 * <p>The target folder is local ({@code java.nio}). Thread-safe; concurrent fetches into the same folder
 * do not corrupt each other (unique temporary names, atomic renames).
 */
public final class DatasetFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);

  private final HttpDownloader downloader;
  private final RetryPolicy retry;

  /** A fetcher downloading with {@code client} under {@code retry}. */
  public DatasetFetcher(java.net.http.HttpClient client, RetryPolicy retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    this.downloader = new HttpDownloader(client, retry.requestTimeout());
  }

  /** The default HTTP client and retry policy. */
  public static DatasetFetcher standard() {
    return new DatasetFetcher(HttpDownloader.defaultClient(), RetryPolicy.defaults());
  }

  /**
   * Downloads {@code entry}'s files from its mirrors into {@code targetDir} (created if needed).
   *
   * @throws FetchException if some file could not be downloaded and verified from any mirror, or an
   *     archive is unsafe; the message lists every attempt
   * @throws UncheckedIOException if the target folder cannot be written
   */
  public FetchResult fetch(DatasetEntry entry, Path targetDir) {
    try {
      Files.createDirectories(targetDir);
      return entry.archive().isPresent()
          ? fetchArchive(entry, entry.archive().get(), targetDir)
          : fetchFiles(entry, targetDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write into " + targetDir + ": " + e.getMessage(), e);
    }
  }

  private FetchResult fetchFiles(DatasetEntry entry, Path dir) throws IOException {
    List<Path> finals = new ArrayList<>();
    List<String> downloaded = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (DatasetFile f : entry.files()) {
      Path target = dir.resolve(f.fileName());
      finals.add(target);
      if (Files.isRegularFile(target) && f.sha256().equals(sha256OrNull(target))) {
        present.add(f.fileName());
        continue;
      }
      Download d = downloadVerified(entry, f.fileName(), dir, tmp -> checkSha256(tmp, f.sha256()));
      moveAtomically(d.tmp(), target);
      downloaded.add(d.url().toString());
      LOG.info("Fetched {} {} from {}", entry.name(), f.fileName(), d.url());
    }
    return new FetchResult(entry.name(), dir, finals, downloaded, present);
  }

  private FetchResult fetchArchive(DatasetEntry entry, ArchiveSpec archive, Path dir) throws IOException {
    List<Path> finals = new ArrayList<>();
    for (DatasetFile f : entry.files()) {
      finals.add(dir.resolve(f.fileName()));
    }
    if (finals.stream().allMatch(Files::isRegularFile) && manifestMatches(dir, entry)) {
      return new FetchResult(entry.name(), dir, finals, List.of(),
          entry.files().stream().map(DatasetFile::fileName).toList());
    }
    Download d = downloadVerified(entry, archive.fileName(), dir, tmp -> checkMd5(tmp, archive.md5()));
    Path staging = Files.createTempDirectory(dir, "." + entry.name() + ".extract-");
    try {
      TarGzExtractor.extract(d.tmp(), staging, archive.fileName() + " from " + d.url());
      Map<String, String> sums = new LinkedHashMap<>();
      for (DatasetFile f : entry.files()) {
        Path src = staging.resolve(archive.memberPrefix() + f.fileName());
        if (!Files.isRegularFile(src)) {
          src = staging.resolve(f.fileName());
        }
        if (!Files.isRegularFile(src)) {
          throw new FetchException("The archive " + archive.fileName() + " from " + d.url() + " passed its MD5 "
              + "check but holds no " + archive.memberPrefix() + f.fileName() + "; expected all of "
              + entry.files().stream().map(DatasetFile::fileName).toList() + ". Nothing was kept.");
        }
        sums.put(f.fileName(), Checksums.sha256OfDecompressed(src));
      }
      for (DatasetFile f : entry.files()) {
        Path src = staging.resolve(archive.memberPrefix() + f.fileName());
        moveAtomically(Files.isRegularFile(src) ? src : staging.resolve(f.fileName()), dir.resolve(f.fileName()));
      }
      ExtractedManifest.write(dir, sums);
      LOG.info("Fetched {} from {} and extracted {} files", entry.name(), d.url(), sums.size());
      return new FetchResult(entry.name(), dir, finals, List.of(d.url().toString()), List.of());
    } finally {
      Files.deleteIfExists(d.tmp());
      deleteTree(staging);
    }
  }

  private boolean manifestMatches(Path dir, DatasetEntry entry) throws IOException {
    Path manifest = dir.resolve(ExtractedManifest.FILE_NAME);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    Map<String, String> sums = ExtractedManifest.parse(Files.readAllLines(manifest));
    for (DatasetFile f : entry.files()) {
      String expected = sums.get(f.fileName());
      if (expected == null || !expected.equals(sha256OrNull(dir.resolve(f.fileName())))) {
        return false;
      }
    }
    return true;
  }

  /** A verified temporary file and the URL it came from. */
  private record Download(Path tmp, URI url) {}

  /** Checks a downloaded file; returns null if good, else what is wrong. */
  @FunctionalInterface
  private interface Check {
    String problem(Path tmp) throws IOException;
  }

  private Download downloadVerified(DatasetEntry entry, String fileName, Path dir, Check check) throws IOException {
    List<String> failures = new ArrayList<>();
    if (entry.mirrors().isEmpty()) {
      failures.add("the registry lists no mirror");
    }
    for (URI mirror : entry.mirrors()) {
      URI url = mirror.resolve(fileName);
      for (int attempt = 1; attempt <= retry.attemptsPerMirror(); attempt++) {
        Path tmp = Files.createTempFile(dir, "." + fileName + ".", ".part");
        boolean keep = false;
        boolean retryable;
        try {
          downloader.download(url, tmp);
          String problem = check.problem(tmp);
          if (problem == null) {
            keep = true;
            return new Download(tmp, url);
          }
          failures.add(url + ": " + problem);
          retryable = false;
        } catch (HttpDownloader.HttpStatusException e) {
          failures.add(url + " (attempt " + attempt + "): HTTP " + e.status());
          retryable = e.retryable();
        } catch (IOException e) {
          failures.add(url + " (attempt " + attempt + "): " + describe(e));
          retryable = true;
        } finally {
          if (!keep) {
            Files.deleteIfExists(tmp);
          }
        }
        if (!retryable || attempt == retry.attemptsPerMirror()) {
          break;
        }
        LOG.warn("Download of {} failed ({}); retrying", url, failures.get(failures.size() - 1));
        pause(retry.backoffAfter(attempt).toMillis());
      }
    }
    throw new FetchException("Could not fetch " + fileName + " of data set " + entry.name() + " from any mirror: "
        + String.join("; ", failures) + ". Nothing was written under " + dir.resolve(fileName) + ".");
  }

  private static String checkSha256(Path tmp, String expected) {
    String actual;
    try {
      actual = Checksums.sha256OfDecompressed(tmp);
    } catch (IOException e) {
      return "the download is not a readable (gzip) file: " + describe(e);
    }
    return expected.equals(actual) ? null
        : "checksum mismatch: the SHA-256 of the decompressed content was " + actual + ", expected " + expected;
  }

  private static String checkMd5(Path tmp, String expected) throws IOException {
    String actual = Checksums.md5OfFile(tmp);
    return expected.equals(actual) ? null : "checksum mismatch: the MD5 of the archive was " + actual
        + ", expected " + expected;
  }

  private static String sha256OrNull(Path file) {
    try {
      return Checksums.sha256OfDecompressed(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing it: the one local write-then-rename step. */
  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("Interrupted while waiting to retry a download", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
