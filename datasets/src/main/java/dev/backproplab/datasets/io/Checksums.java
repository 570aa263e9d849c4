package dev.backproplab.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests (SHA-256, MD5) of streams and local files; stateless helpers. */
public final class Checksums {
  private Checksums() {}

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    return digest("SHA-256");
  }

  /** A new MD5 digest (only for checking archives whose publishers give MD5 alone). */
  public static MessageDigest md5() {
    return digest("MD5");
  }

  /** Lower-case hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Reads {@code in} to its end (without closing it) and returns the lower-case hex digest. */
  public static String hexOf(MessageDigest digest, InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = in.read(buf)) > 0) {
      digest.update(buf, 0, n);
    }
    return hex(digest.digest());
  }

  /** SHA-256 of a local file's decompressed content (gzip detected by its magic bytes). */
  public static String sha256OfDecompressed(Path file) throws IOException {
    try (InputStream in = HadoopInput.decompressIfGzip(Files.newInputStream(file))) {
      return hexOf(sha256(), in);
    }
  }

  /** MD5 of a local file's bytes as stored. */
  public static String md5OfFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hexOf(md5(), in);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
  }
}
