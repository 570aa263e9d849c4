package dev.backproplab.datasets.prep;

import dev.backproplab.core.data.Examples;
import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles of indices and of examples; the random source is always passed in. */
public final class Shuffles {
  private Shuffles() {}

  /** Shuffles {@code a} in place with {@code rng}. */
  public static void shuffleInPlace(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A random permutation of {@code 0..n-1} drawn with {@code new SplittableRandom(seed)}. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffleInPlace(p, new SplittableRandom(seed));
    return p;
  }

  /**
   * The examples in a random order drawn from {@code seed}: the same seed gives the same order on every
   * machine. Returns new arrays; the input is not changed.
   */
  public static Examples shuffled(Examples examples, long seed) {
    return examples.select(permutation(examples.size(), seed));
  }
}
