package dev.backproplab.datasets.prep;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.data.Shuffle;
import java.util.SplittableRandom;

/** Seeded permutations of indices and of examples ({@link Shuffle}); the random source is always passed in. */
public final class Shuffles {
  private Shuffles() {}

  /** A random permutation of {@code 0..n-1} drawn with {@code new SplittableRandom(seed)}. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Shuffle.shuffleInPlace(p, new SplittableRandom(seed));
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
