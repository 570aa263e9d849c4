package dev.backproplab.datasets.io;

import dev.backproplab.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens files through Hadoop's {@link FileSystem} ({@code new Path(uri).getFileSystem(conf)}), so a plain
 * local path, {@code file://}, {@code hdfs://} and {@code s3a://} are read the same way, and
 * decompresses gzip transparently (detected by the gzip magic bytes {@code 1f 8b}, not by the name).
 *
 * <p>Immutable and thread-safe; the Hadoop {@code FileSystem} instances are Hadoop's cached ones and are
 * not closed here.
 */
public final class HadoopInput {
  private static final int BUFFER = 1 << 16;

  private final Configuration conf;

  /** @param conf the Hadoop configuration to resolve file systems with (Spark's, on a cluster) */
  public HadoopInput(Configuration conf) {
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  /** A reader with a default Hadoop configuration (local file system and whatever is on the classpath). */
  public static HadoopInput withDefaultConfiguration() {
    return new HadoopInput(new Configuration());
  }

  /** The Hadoop configuration in use. */
  public Configuration configuration() {
    return conf;
  }

  /**
   * Opens a file and returns a stream of its decompressed content (gzip detected by its magic bytes).
   *
   * @throws InvalidInputException if the file does not exist or is a directory
   * @throws UncheckedIOException on any other I/O failure
   */
  public InputStream openDecompressed(String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        throw new InvalidInputException(
            "Cannot read " + uri + ": it is a directory, expected a data file.");
      }
      return decompressIfGzip(fs.open(path, BUFFER));
    } catch (FileNotFoundException e) {
      throw new InvalidInputException("Cannot read " + uri + ": the file does not exist.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  /** Whether a file (not a directory) exists at {@code uri}; false when its file system is unreachable. */
  public boolean isFile(String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).getFileStatus(path).isFile();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a directory exists at {@code uri}; false when its file system is unreachable. */
  public boolean isDirectory(String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).getFileStatus(path).isDirectory();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Why nothing can be read at {@code uri}, for messages: {@code "does not exist"}, or that its file
   * system could not be reached (unknown scheme, unreachable cluster) with the underlying error.
   */
  public String whyUnreadable(String uri) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      return fs.exists(path) ? "exists but could not be read" : "does not exist";
    } catch (IOException | RuntimeException e) {
      return "could not be reached: its file system failed with " + e.getClass().getSimpleName() + ": "
          + e.getMessage();
    }
  }

  /** The length in bytes of the file at {@code uri} as stored (compressed), or -1 if unknown. */
  public long length(String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).getFileStatus(path).getLen();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The fully qualified form of {@code uri} (scheme and absolute path), for messages; as given if that fails. */
  public String qualify(String uri) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).makeQualified(path).toString();
    } catch (IOException | RuntimeException e) {
      return uri;
    }
  }

  /** {@code child} resolved against the directory {@code dir}. */
  public static String join(String dir, String child) {
    return new Path(new Path(dir), child).toString();
  }

  /**
   * Wraps {@code raw} in a {@link GZIPInputStream} if it starts with the gzip magic bytes, otherwise
   * returns it buffered. The caller closes the returned stream.
   */
  public static InputStream decompressIfGzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }
    return in;
  }
}
