package dev.backproplab.core.data;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;

/**
 * How much of a training split is held out as the validation split, on which every model-selection
 * decision is made (early stopping, the best configuration, the sweep summary), so the test split
 * stays an unbiased estimate for what was chosen.
 *
 * <p>Either a count of examples ({@code count > 0}) or a fraction of the training split ({@code
 * fraction} in (0, 1)); {@link #DEFAULT} (neither given) holds out {@code min(5,000, 10%)} of the
 * training split: 5,000 for MNIST, Fashion-MNIST and CIFAR-10 (as is customary), 144 of digits' 1,438.
 * Which rows are held out is fixed by {@link DataSplit#holdOut}: the same for every trial, sweep and
 * machine.
 *
 * @param count examples held out, or 0 when a fraction (or the default) is given
 * @param fraction share of the training split held out, or 0 when a count (or the default) is given
 */
public record Holdout(int count, double fraction) implements Serializable {
  /** min(5,000, 10% of the training split). */
  public static final Holdout DEFAULT = new Holdout(0, 0.0);

  private static final int DEFAULT_CAP = 5000;
  private static final double DEFAULT_FRACTION = 0.1;

  public Holdout {
    if (count < 0) {
      throw new InvalidInputException("validation must be a count >= 1 or a fraction in (0, 1), got " + count);
    }
    if (fraction != 0.0 && !(fraction > 0 && fraction < 1)) {
      throw new InvalidInputException("validation fraction must be in (0, 1), got " + fraction);
    }
    if (count > 0 && fraction > 0) {
      throw new InvalidInputException("validation is a count or a fraction, not both");
    }
  }

  /**
   * Reads the sweep file's {@code validation:} value: a whole number >= 1 is a count, a number in
   * (0, 1) a fraction.
   *
   * @throws InvalidInputException for anything else
   */
  public static Holdout of(double value) {
    if (value >= 1 && value == Math.rint(value) && value <= Integer.MAX_VALUE) {
      return new Holdout((int) value, 0.0);
    }
    if (value > 0 && value < 1) {
      return new Holdout(0, value);
    }
    throw new InvalidInputException("validation must be a whole number of examples >= 1 or a fraction in (0, 1),"
        + " got " + value);
  }

  /**
   * Examples held out of a training split of {@code trainSize}.
   *
   * @throws InvalidInputException when that leaves no training or no validation example
   */
  public int size(int trainSize) {
    int n;
    if (count > 0) {
      n = count;
    } else if (fraction > 0) {
      n = (int) Math.round(trainSize * fraction);
    } else {
      n = (int) Math.min(DEFAULT_CAP, Math.round(trainSize * DEFAULT_FRACTION));
    }
    if (n < 1 || n >= trainSize) {
      throw new InvalidInputException("validation " + describe() + " holds out " + n + " of the "
          + trainSize + " training examples: expected at least one for validation and one for training");
    }
    return n;
  }

  /** The canonical text of this holdout, part of each trial's identity. */
  public String describe() {
    if (count > 0) {
      return Integer.toString(count);
    }
    return fraction > 0 ? Double.toString(fraction) : "default";
  }
}
