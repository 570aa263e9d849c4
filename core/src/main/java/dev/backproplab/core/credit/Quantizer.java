package dev.backproplab.core.credit;

import dev.backproplab.core.nn.DataView;

/**
 * Rounds an error signal to b bits, the low-precision learning channel of Baldi, Sadowski &amp; Lu
 * 2018, "Learning in the machine: random backpropagation and the deep learning channel" (their
 * experiments with errors of a few bits). Symmetric uniform quantisation with one scale per signal
 * (the whole {@code [B, width]} array of one step): for b &gt;= 2 bits, {@code L = 2^(b-1) - 1} levels
 * each side of 0 and the scale m = max |x|, {@code q(x) = m round(x L / m) / L}; for 1 bit, the sign
 * times the mean absolute value, {@code q(x) = sign(x) mean|x|}. At 32 bits the rounding error is at
 * most 2^-31 of the largest entry, below float precision.
 */
public final class Quantizer {
  private Quantizer() {}

  /** Quantises the elements of {@code v} in place to {@code bits} (1 to 32). */
  public static void quantize(DataView v, int bits) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits must be in [1, 32], got " + bits);
    }
    int n = v.length();
    if (bits == 1) {
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
    double levels = (1L << (bits - 1)) - 1;
    double toLevels = levels / max;
    double fromLevels = max / levels;
    for (int i = 0; i < n; i++) {
      v.set(i, Math.rint(v.get(i) * toLevels) * fromLevels);
    }
  }
}
