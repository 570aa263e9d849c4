package dev.backproplab.core;

/**
 * Bad input from the user: a configuration, a file or a value that the program cannot use.
 *
 * <p>The message is written for the person who supplied the input: it names the file, key or value,
 * what was found and what was expected. The command line turns this exception into exit code 2 with the
 * message alone (no stack trace), and nothing is written when it is thrown before work starts.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
