package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;

/**
 * What {@code bpl compare} (jobs module) lets pass before it calls a change a regression (the {@code compare:}
 * block of a sweep file, or its flags). Per configuration, against the baseline run:
 *
 * @param accuracyDrop a fall of the mean final validation or test accuracy larger than this (absolute,
 *     e.g. 0.01 = one point) is a regression when it is also beyond the noise (see {@code alpha})
 * @param alpha the significance level of the one-sided Welch t test over the repeats that says a fall
 *     is beyond the seed-to-seed noise; in (0, 1)
 * @param target the accuracy to reach, as a share of the baseline's mean final validation accuracy
 *     (each configuration against its own level), at which samples and seconds to target are measured;
 *     in (0, 1]
 * @param samplesRatio more than this many times the baseline's mean samples to target is slower; &gt;= 1
 * @param secondsRatio more than this many times the baseline's mean seconds to target (and over a
 *     second more) is slower; &gt;= 1
 * @param failures how many more failed (FAILED, TIMED_OUT) or diverged trials, or trials missing the
 *     target, than the baseline's pass; &gt;= 0
 */
public record Tolerances(double accuracyDrop, double alpha, double target, double samplesRatio,
    double secondsRatio, int failures) {
  /** The defaults: one point of accuracy at 5 %, 95 % of the baseline's accuracy, 1.25x samples, 2x seconds. */
  public static final Tolerances DEFAULT = new Tolerances(0.01, 0.05, 0.95, 1.25, 2.0, 0);

  public Tolerances {
    check(accuracyDrop >= 0 && accuracyDrop < 1, "accuracy_drop", accuracyDrop, "a number in [0, 1)");
    check(alpha > 0 && alpha < 1, "alpha", alpha, "a number in (0, 1)");
    check(target > 0 && target <= 1, "target", target, "a share of the baseline's accuracy in (0, 1]");
    check(samplesRatio >= 1 && Double.isFinite(samplesRatio), "samples_ratio", samplesRatio, "a ratio >= 1");
    check(secondsRatio >= 1 && Double.isFinite(secondsRatio), "seconds_ratio", secondsRatio, "a ratio >= 1");
    check(failures >= 0, "failures", failures, "an integer >= 0");
  }

  private static void check(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new InvalidInputException(key + " = " + value + ": expected " + expected);
    }
  }
}
