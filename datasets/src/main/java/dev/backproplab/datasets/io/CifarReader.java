package dev.backproplab.datasets.io;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads CIFAR-10 binary batches (Krizhevsky 2009, "Learning Multiple Layers of Features from Tiny
 * Images"): files {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}, each a
 * sequence of 3073-byte records: 1 label byte (0..9), then 3072 pixel bytes, 1024 per colour plane
 * (red, green, blue), each plane row-major 32x32.
 *
 * <p>Checks that the length is a positive multiple of 3073 and that every label is in 0..9; failures are
 * {@link InvalidInputException}s naming the file. Stateless and thread-safe.
 */
public final class CifarReader {
  /** Bytes of pixels per image (3 x 32 x 32). */
  public static final int PIXELS = 3 * 32 * 32;
  /** Bytes per record: 1 label byte and the pixels. */
  public static final int RECORD = 1 + PIXELS;
  /** Number of classes. */
  public static final int CLASSES = 10;

  private CifarReader() {}

  /**
   * Reads one batch file to its end (the stream is not closed).
   *
   * @param in the (decompressed) content
   * @param file the file's name or URI, for messages
   * @throws InvalidInputException if the length or a label is wrong
   */
  public static CifarBatch read(InputStream in, String file) {
    byte[] all;
    try {
      all = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (all.length == 0 || all.length % RECORD != 0) {
      throw new InvalidInputException("Invalid CIFAR-10 file " + file + ": its length was " + all.length
          + " bytes, expected a positive multiple of " + RECORD + " (1 label byte + " + PIXELS
          + " pixel bytes per image); the file is truncated or not a CIFAR-10 binary batch.");
    }
    int n = all.length / RECORD;
    int[] labels = new int[n];
    byte[] pixels = new byte[n * PIXELS];
    for (int i = 0; i < n; i++) {
      int label = all[i * RECORD] & 0xff;
      if (label >= CLASSES) {
        throw new InvalidInputException("Invalid CIFAR-10 file " + file + ": record " + i + " (byte offset "
            + (long) i * RECORD + ") has label " + label + ", expected 0.." + (CLASSES - 1) + ".");
      }
      labels[i] = label;
      System.arraycopy(all, i * RECORD + 1, pixels, i * PIXELS, PIXELS);
    }
    return new CifarBatch(file, pixels, labels);
  }
}
