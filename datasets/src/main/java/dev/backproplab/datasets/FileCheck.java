package dev.backproplab.datasets;

/**
 * The checksum check of one file.
 *
 * @param role the file's role in the data set (e.g. {@code train-images})
 * @param file where it was read from
 * @param status the outcome
 * @param actual the SHA-256 of its decompressed content, or null if unreadable
 * @param expected the SHA-256 it should have, or null if none is known
 * @param detail what the expected value is based on, or why the file could not be read
 */
public record FileCheck(String role, String file, Status status, String actual, String expected, String detail) {

  /** Outcome of checking one file. */
  public enum Status {
    /** The checksum matches. */
    OK,
    /** The checksum differs: the file is corrupt or another file. */
    MISMATCH,
    /** No checksum is known for this file (an archive-only data set fetched by other means). */
    NO_CHECKSUM,
    /** The file could not be read. */
    UNREADABLE
  }
}
