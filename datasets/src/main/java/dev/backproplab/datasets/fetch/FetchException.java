package dev.backproplab.datasets.fetch;

/**
 * A fetch failed while running: every mirror failed (network errors, HTTP errors, checksum mismatches)
 * or an archive was unsafe. The message lists each attempt and its outcome and says that nothing was
 * written under the final file names. Not an input error: the command line maps it to exit code 1.
 */
public class FetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public FetchException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
