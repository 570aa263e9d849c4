package dev.backproplab.jobs.cli;

/**
 * The exit codes of {@code bpl}: 0 done; 1 failure while running; 2 bad usage, configuration or input;
 * 3 {@code bpl compare} found a regression.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;
  /** {@code bpl compare}: the run regressed against its baseline (the comparison itself succeeded). */
  public static final int REGRESSION = 3;

  private ExitCodes() {}
}
