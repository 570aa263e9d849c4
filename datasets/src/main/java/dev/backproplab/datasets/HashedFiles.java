package dev.backproplab.datasets;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.io.HadoopInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The files of one load, read in a fixed order while hashing: one SHA-256 over the decompressed content
 * of all files in order (the {@code DataSplit}'s checksum), and one per file, compared with the
 * registered checksum when there is one. Single use, one thread.
 */
final class HashedFiles {
  private final HadoopInput input;
  private final String dataset;
  private final List<String> locations;
  private final List<String> expectedSha256;
  private final boolean embedded;
  private final MessageDigest combined = Checksums.sha256();
  private int next;

  /**
   * @param locations the files, in reading order (URIs, or classpath resources when embedded)
   * @param expectedSha256 per file the registered SHA-256 of its decompressed content, or null entries
   *     (or an empty list) for none
   */
  HashedFiles(HadoopInput input, String dataset, List<String> locations, List<String> expectedSha256,
      boolean embedded) {
    this.input = input;
    this.dataset = dataset;
    this.locations = List.copyOf(locations);
    this.expectedSha256 = expectedSha256;
    this.embedded = embedded;
  }

  /** Number of files. */
  int size() {
    return locations.size();
  }

  /** The location of file {@code i}, for messages. */
  String location(int i) {
    return locations.get(i);
  }

  /**
   * Reads the next file with {@code reader} (given the stream and the file's name); the reader must
   * consume the stream to its end. Checks the file's checksum afterwards.
   */
  <T> T readNext(BiFunction<InputStream, String, T> reader) {
    int i = next++;
    String where = embedded ? "classpath:" + locations.get(i) : locations.get(i);
    MessageDigest own = Checksums.sha256();
    T result;
    try (InputStream raw = open(locations.get(i), where);
        InputStream in = new DigestInputStream(new DigestInputStream(raw, combined), own)) {
      result = reader.apply(in, where);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + where + ": " + e.getMessage(), e);
    }
    String expected = i < expectedSha256.size() ? expectedSha256.get(i) : null;
    String actual = Checksums.hex(own.digest());
    if (expected != null && !expected.equals(actual)) {
      throw new InvalidInputException("Checksum mismatch in " + where + ": the SHA-256 of its decompressed "
          + "content was " + actual + ", expected " + expected + " (the registered content of " + dataset
          + "); the file is corrupt or belongs to another data set. Run `bpl datasets fetch " + dataset
          + "` to download a verified copy.");
    }
    return result;
  }

  /** The SHA-256 (hex) over all files read so far, in order. */
  String combinedSha256() {
    return Checksums.hex(combined.digest());
  }

  private InputStream open(String location, String where) throws IOException {
    if (!embedded) {
      return input.openDecompressed(location);
    }
    InputStream in = HashedFiles.class.getClassLoader().getResourceAsStream(location);
    if (in == null) {
      throw new IllegalStateException("embedded resource " + where + " is missing from the classpath");
    }
    return HadoopInput.decompressIfGzip(in);
  }
}
