package dev.backproplab.datasets.io;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header of a magic
 * number ({@code 0x00000803} for 3-dimensional unsigned-byte images, {@code 0x00000801} for
 * 1-dimensional unsigned-byte labels) and the dimension sizes, followed by the data.
 *
 * <p>Checks: the magic number, positive dimensions (and the expected image size when given), that the
 * file holds exactly the declared number of bytes (neither truncated nor followed by extra bytes), and
 * that labels lie in {@code [0, numClasses)}. Memory is taken as the data arrives, not as the header
 * declares it, so a corrupt header cannot allocate more than the file holds. Each failure is an {@link InvalidInputException} naming
 * the file, what was found and what was expected. Streams are read to their end and not closed.
 * Stateless and thread-safe.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Passed as an expected dimension to accept any size. */
  public static final int ANY = -1;

  private IdxReader() {}

  /**
   * Reads an image file.
   *
   * @param in the decompressed content
   * @param file the file's name or URI, for messages
   * @param expectedRows the required image height, or {@link #ANY}
   * @param expectedCols the required image width, or {@link #ANY}
   * @throws InvalidInputException if the content is not a valid IDX image file of that size
   */
  public static IdxImages readImages(InputStream in, String file, int expectedRows, int expectedCols) {
    try {
      byte[] header = readHeader(in, file, 16, "images");
      checkMagic(file, StreamBytes.bigEndianInt(header, 0), IMAGES_MAGIC, "unsigned-byte images, 3 dimensions");
      int count = StreamBytes.bigEndianInt(header, 4);
      int rows = StreamBytes.bigEndianInt(header, 8);
      int cols = StreamBytes.bigEndianInt(header, 12);
      if (count <= 0 || rows <= 0 || cols <= 0) {
        throw invalid(file, "dimensions were " + Integer.toUnsignedString(count) + " x "
            + Integer.toUnsignedString(rows) + " x " + Integer.toUnsignedString(cols)
            + ", expected positive counts");
      }
      if ((expectedRows != ANY && rows != expectedRows) || (expectedCols != ANY && cols != expectedCols)) {
        throw invalid(file, "images were " + rows + "x" + cols + ", expected "
            + (expectedRows == ANY ? "any" : expectedRows) + "x" + (expectedCols == ANY ? "any" : expectedCols));
      }
      long size = (long) count * rows * cols;
      if (size > Integer.MAX_VALUE - 16) {
        throw invalid(file, "header declares " + count + " images of " + rows + "x" + cols
            + " (" + size + " bytes), more than one array can hold");
      }
      // allocated as bytes arrive, never from the header alone: a short file claiming a huge count
      // is reported as truncated instead of reserving the memory its header asks for
      byte[] pixels = in.readNBytes((int) size);
      int got = pixels.length;
      if (got < size) {
        throw invalid(file, "truncated: the header declares " + count + " images of " + rows + "x" + cols
            + " (" + size + " pixel bytes) but the file ends after " + got + " of them");
      }
      checkNoTrailing(in, file, size + 16);
      return new IdxImages(file, count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads a label file.
   *
   * @param in the decompressed content
   * @param file the file's name or URI, for messages
   * @param numClasses labels must lie in {@code [0, numClasses)}
   * @throws InvalidInputException if the content is not a valid IDX label file or a label is out of range
   */
  public static IdxLabels readLabels(InputStream in, String file, int numClasses) {
    try {
      byte[] header = readHeader(in, file, 8, "labels");
      checkMagic(file, StreamBytes.bigEndianInt(header, 0), LABELS_MAGIC, "unsigned-byte labels, 1 dimension");
      int count = StreamBytes.bigEndianInt(header, 4);
      if (count <= 0) {
        throw invalid(file, "label count was " + Integer.toUnsignedString(count) + ", expected a positive count");
      }
      byte[] raw = in.readNBytes(count); // allocated as bytes arrive, as for images
      int got = raw.length;
      if (got < count) {
        throw invalid(file, "truncated: the header declares " + count + " labels but the file ends after "
            + got + " of them");
      }
      checkNoTrailing(in, file, (long) count + 8);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = raw[i] & 0xff;
        if (labels[i] >= numClasses) {
          throw invalid(file, "label " + labels[i] + " at index " + i + ", expected 0.." + (numClasses - 1));
        }
      }
      return new IdxLabels(file, labels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Checks that an image file and its label file describe the same number of examples.
   *
   * @throws InvalidInputException naming both files and both counts when they differ
   */
  public static void checkSameCount(IdxImages images, IdxLabels labels) {
    if (images.count() != labels.count()) {
      throw new InvalidInputException("IDX files disagree: " + images.file() + " holds " + images.count()
          + " images but " + labels.file() + " holds " + labels.count()
          + " labels; expected one label per image.");
    }
  }

  private static byte[] readHeader(InputStream in, String file, int length, String kind) throws IOException {
    byte[] header = new byte[length];
    int got = StreamBytes.readUpTo(in, header, 0, length);
    if (got < length) {
      throw invalid(file, "truncated: the file is " + got + " bytes long, expected at least the " + length
          + "-byte header of an IDX " + kind + " file");
    }
    return header;
  }

  private static void checkMagic(String file, int magic, int expected, String meaning) {
    if (magic != expected) {
      throw invalid(file, String.format("magic number was 0x%08x, expected 0x%08x (%s)", magic, expected, meaning));
    }
  }

  private static void checkNoTrailing(InputStream in, String file, long declared) throws IOException {
    long extra = StreamBytes.drain(in);
    if (extra > 0) {
      throw invalid(file, extra + " unexpected bytes after the " + declared
          + " bytes its header declares; expected the file to end there");
    }
  }

  private static InvalidInputException invalid(String file, String what) {
    return new InvalidInputException("Invalid IDX file " + file + ": " + what + ".");
  }

  private static RuntimeException unreadable(String file, IOException e) {
    if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
      return new InvalidInputException("Invalid IDX file " + file + ": the gzip stream is corrupt or truncated ("
          + e.getMessage() + "); expected a complete gzip or raw IDX file.", e);
    }
    return new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
  }
}
