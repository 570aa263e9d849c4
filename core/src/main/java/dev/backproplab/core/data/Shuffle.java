package dev.backproplab.core.data;

import java.util.SplittableRandom;

/**
 * The order in which a trial visits its training examples: a Fisher-Yates shuffle of {@code 0 .. n-1}
 * from the trial's shuffle stream, drawn afresh for each pass. The one shuffle of the project: every
 * trainer (gradient, derivative-free, data-parallel) takes its example order from here, so methods
 * given the same seed see the same examples in the same order, and the data-set preparation shuffles
 * with {@link #shuffleInPlace}.
 */
public final class Shuffle {
  private final int[] order;
  private final SplittableRandom random;

  /** A shuffle of {@code n} examples from {@code random}. */
  public Shuffle(int n, SplittableRandom random) {
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.random = random;
  }

  /** The next pass's order (reshuffled in place: the array is this shuffle's own, valid until the next call). */
  public int[] next() {
    shuffleInPlace(order, random);
    return order;
  }

  /** Shuffles {@code a} in place with {@code rng} (Fisher-Yates, from the end). */
  public static void shuffleInPlace(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
