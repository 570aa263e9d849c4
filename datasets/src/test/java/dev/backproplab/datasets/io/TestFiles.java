package dev.backproplab.datasets.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small data files in the real formats for tests. */
public final class TestFiles {
  private TestFiles() {}

  /** An IDX image file: header (magic, n, rows, cols) then pixel i of image k = (k * 7 + i) mod 256. */
  public static byte[] idxImages(int magic, int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
    b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < rows * cols; i++) {
        b.put((byte) ((k * 7 + i) % 256));
      }
    }
    return b.array();
  }

  /** An IDX label file with labels k mod classes. */
  public static byte[] idxLabels(int magic, int n, int classes) {
    ByteBuffer b = ByteBuffer.allocate(8 + n);
    b.putInt(magic).putInt(n);
    for (int k = 0; k < n; k++) {
      b.put((byte) (k % classes));
    }
    return b.array();
  }

  /** CIFAR-10 records: label k mod 10; red plane pixel i = i mod 256, green = 100, blue = k. */
  public static byte[] cifar(int n) {
    ByteBuffer b = ByteBuffer.allocate(n * CifarReader.RECORD);
    for (int k = 0; k < n; k++) {
      b.put((byte) (k % 10));
      for (int i = 0; i < 1024; i++) {
        b.put((byte) (i % 256));
      }
      for (int i = 0; i < 1024; i++) {
        b.put((byte) 100);
      }
      for (int i = 0; i < 1024; i++) {
        b.put((byte) k);
      }
    }
    return b.array();
  }

  /** The gzip compression of {@code raw}. */
  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
