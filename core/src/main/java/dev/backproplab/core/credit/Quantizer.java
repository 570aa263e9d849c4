package dev.backproplab.core.credit;

import dev.backproplab.core.nn.DataView;
import java.util.random.RandomGenerator;

/**
 * Rounds an error signal to b bits, the low-precision learning channel of Baldi, Sadowski &amp; Lu
 * 2018, "Learning in the machine: random backpropagation and the deep learning channel" (their
 * experiments with errors of a few bits). Symmetric uniform quantisation with one scale per signal
 * and step: the scale is taken over the whole {@code [B, width]} array of the batch (per batch, not
 * per example).
 *
 * <p>For b &gt;= 2 bits, {@code L = 2^(b-1) - 1} levels each side of 0 and the scale m = max |x|:
 * nearest rounding is {@code q(x) = m round(x L / m) / L}; stochastic rounding (Gupta et al. 2015,
 * "Deep learning with limited numerical precision") rounds {@code x L / m} down or up with
 * probabilities that make {@code E[q(x)] = x}. For 1 bit, nearest is {@code sign(x) mean|x|} (the
 * scale that minimises the squared error of a sign code); stochastic is {@code +m} with probability
 * {@code (1 + x/m) / 2}, else {@code -m}, again unbiased. At 32 bits the rounding error is at most
 * 2^-31 of the largest entry, below float precision.
 */
public final class Quantizer {
  private Quantizer() {}

  /** How values fall onto the levels. */
  public enum Rounding {
    /** To the nearest level (deterministic). */
    NEAREST,
    /** To one of the two neighbouring levels at random, unbiased. */
    STOCHASTIC
  }

  /** Quantises the elements of {@code v} in place to {@code bits} (1 to 32), rounding to nearest. */
  public static void quantize(DataView v, int bits) {
    quantize(v, bits, Rounding.NEAREST, null);
  }

  /**
   * Quantises the elements of {@code v} in place to {@code bits} (1 to 32).
   *
   * @param rng the random source of stochastic rounding (unused, may be null, for nearest)
   */
  public static void quantize(DataView v, int bits, Rounding rounding, RandomGenerator rng) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits must be in [1, 32], got " + bits);
    }
    boolean stochastic = rounding == Rounding.STOCHASTIC;
    int n = v.length();
    if (bits == 1 && !stochastic) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.abs(v.get(i));
      }
      double mean = sum / n;
      for (int i = 0; i < n; i++) {
        v.set(i, Math.signum(v.get(i)) * mean);
      }
      return;
    }
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.abs(v.get(i)));
    }
    if (max == 0 || !Double.isFinite(max)) {
      return;
    }
    if (bits == 1) {
      for (int i = 0; i < n; i++) {
        v.set(i, rng.nextDouble() < 0.5 * (1 + v.get(i) / max) ? max : -max);
      }
      return;
    }
    double levels = (1L << (bits - 1)) - 1;
    double toLevels = levels / max;
    double fromLevels = max / levels;
    for (int i = 0; i < n; i++) {
      double x = v.get(i) * toLevels;
      double q = stochastic ? Math.floor(x + rng.nextDouble()) : Math.rint(x);
      v.set(i, q * fromLevels);
    }
  }
}
