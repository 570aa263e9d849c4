package dev.backproplab.core.dfo;

import java.util.Arrays;

/**
 * Per-generation loss history of one CMA-ES run, for the TOLFUN and STAGNATION criteria of pycma and
 * Hansen's reference code. Grows by two doubles per generation. Not thread-safe.
 */
final class CmaHistory {
  private double[] best = new double[64];
  private double[] median = new double[64];
  private int size;
  private double lastRange = Double.POSITIVE_INFINITY;

  /** Records one generation's sorted losses. */
  void record(double[] sortedLosses) {
    if (size == best.length) {
      best = Arrays.copyOf(best, 2 * size);
      median = Arrays.copyOf(median, 2 * size);
    }
    best[size] = sortedLosses[0];
    median[size] = sortedLosses[sortedLosses.length / 2];
    size++;
    lastRange = sortedLosses[sortedLosses.length - 1] - sortedLosses[0];
  }

  /** True when the best losses of the last {@code window} generations span less than {@code tol}. */
  boolean bestRangeBelow(int window, double tol) {
    if (size < window) {
      return false;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = size - window; i < size; i++) {
      lo = Math.min(lo, best[i]);
      hi = Math.max(hi, best[i]);
    }
    return hi - lo < tol;
  }

  /**
   * True when the last generation's losses and the best losses of the last {@code window} generations
   * each span less than {@code tolFun}.
   */
  boolean flat(int window, double tolFun) {
    return lastRange < tolFun && bestRangeBelow(window, tolFun);
  }

  /**
   * Hansen's stagnation test: after {@code minGenerations}, the medians of the 20 newest best and
   * median losses in the last 20% (at least {@code minGenerations}) of generations are no better than
   * those of the 20 oldest in that window.
   */
  boolean stagnated(int minGenerations) {
    if (size <= minGenerations) {
      return false;
    }
    int window = Math.max(minGenerations, (int) (0.2 * size));
    int start = size - window;
    int k = Math.min(20, window / 2);
    return medianOf(best, size - k, size) >= medianOf(best, start, start + k)
        && medianOf(median, size - k, size) >= medianOf(median, start, start + k);
  }

  private static double medianOf(double[] a, int from, int to) {
    double[] s = Arrays.copyOfRange(a, from, to);
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
