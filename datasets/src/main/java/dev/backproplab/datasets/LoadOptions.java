package dev.backproplab.datasets;

import java.util.Objects;
import java.util.Optional;

/**
 * How to load a data set.
 *
 * @param location a directory (or single file) to look in first for a registry name; ignored when
 *     loading by path
 * @param testFraction the share of each class held out for testing, for data sets without an official
 *     split (digits, iris, wine, breast-cancer, CSV files given by path); in (0, 1)
 * @param splitSeed the seed of that split; fixed by default so the same file gives the same split
 *     everywhere
 */
public record LoadOptions(Optional<String> location, double testFraction, long splitSeed) {
  /** Default share of each class held out for testing. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  /** Default seed of the stratified split. */
  public static final long DEFAULT_SPLIT_SEED = 20_261_127L;

  /** Validates. */
  public LoadOptions {
    Objects.requireNonNull(location, "location");
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("Invalid test fraction " + testFraction + ": expected a value in (0, 1)");
    }
  }

  /** No explicit location, test fraction 0.2, the default split seed. */
  public static LoadOptions defaults() {
    return new LoadOptions(Optional.empty(), DEFAULT_TEST_FRACTION, DEFAULT_SPLIT_SEED);
  }

  /** A copy that looks in {@code dir} first. */
  public LoadOptions withLocation(String dir) {
    return new LoadOptions(Optional.of(dir), testFraction, splitSeed);
  }

  /** A copy with another test fraction. */
  public LoadOptions withTestFraction(double fraction) {
    return new LoadOptions(location, fraction, splitSeed);
  }

  /** A copy with another split seed. */
  public LoadOptions withSplitSeed(long seed) {
    return new LoadOptions(location, testFraction, seed);
  }
}
