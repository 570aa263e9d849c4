package dev.backproplab.jobs.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The one way the store creates the files it writes (result tables, heartbeats, rung-board values,
 * models): each under a hidden name of its caller's, then renamed into place by the caller.
 *
 * <p>On the local file system the file is written through {@code java.nio}, not through Hadoop:
 * without Hadoop's native library (which Spark's Hadoop client does not ship) Hadoop's local file
 * system sets the permission of every file it creates by starting a {@code chmod} process, twice
 * when checksummed (the file and its {@code .crc} side file), which cost more than all the rest of a
 * small trial's commit (docs/adr/0028). The file gets the permission a new file gets here (0666 less
 * the process's umask, 0644 under the usual umask 022, what Hadoop sets under its default umask) and
 * no {@code .crc} side file: Parquet's page checksums and the footer checks of recovery stay. On
 * every other file system (HDFS, S3A) the file is created through Hadoop as before.
 */
final class NewFiles {
  private static final int BUFFER = 64 * 1024;

  private NewFiles() {}

  /**
   * Creates {@code file} (replacing one of that name) for writing.
   *
   * @param synced whether its bytes reach storage before {@code close} returns: {@code fsync} of the
   *     local file, {@code hsync} where the stream supports it (HDFS); object stores persist on close
   */
  static PositionOutputStream create(FileSystem fs, Path file, boolean synced) throws IOException {
    java.io.File local = localFile(fs, file);
    if (local != null) {
      java.nio.file.Files.createDirectories(local.toPath().getParent());
      FileChannel ch = FileChannel.open(local.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return new Counting(new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER)) {
        @Override
        public void close() throws IOException {
          try (ch) {
            flush();
            if (synced) {
              ch.force(true);
            }
          }
        }
      };
    }
    FSDataOutputStream out = fs.create(file, true);
    return new Counting(out) {
      @Override
      public void close() throws IOException {
        if (synced && out.hasCapability(StreamCapabilities.HSYNC)) {
          out.hsync();
        }
        out.close();
      }
    };
  }

  /** The local file of {@code file} when {@code fs} is the local file system, else null. */
  private static java.io.File localFile(FileSystem fs, Path file) {
    if (fs instanceof LocalFileSystem local) {
      return local.pathToFile(file);
    }
    return fs instanceof RawLocalFileSystem raw ? raw.pathToFile(file) : null;
  }

  /** A stream that knows how many bytes went through it (Parquet's writer asks). */
  private abstract static class Counting extends PositionOutputStream {
    private final OutputStream out;
    private long position;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
