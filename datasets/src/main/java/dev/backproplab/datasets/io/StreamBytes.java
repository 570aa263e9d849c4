package dev.backproplab.datasets.io;

import java.io.IOException;
import java.io.InputStream;

/** Package-private helpers for reading exact byte counts and detecting trailing data. */
final class StreamBytes {
  private StreamBytes() {}

  /** Reads up to {@code len} bytes into {@code buf}; returns how many were read before end of stream. */
  static int readUpTo(InputStream in, byte[] buf, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(buf, off + done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  /** Reads the rest of the stream, returning how many bytes were left. */
  static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
    }
    return total;
  }

  /** Big-endian int from 4 bytes at {@code off}. */
  static int bigEndianInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }
}
