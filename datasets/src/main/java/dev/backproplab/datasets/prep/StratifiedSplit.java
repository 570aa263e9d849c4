package dev.backproplab.datasets.prep;

import dev.backproplab.core.data.Shuffle;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic stratified train/test split: every class contributes {@code round(n_c * fraction)}
 * of its rows to the test split (at least one, and at least one left for training, when it has two or
 * more rows). Rows are drawn by a Fisher-Yates shuffle of each class's row indices, classes in
 * ascending order, all from one {@link SplittableRandom} seeded with the given seed; so the same
 * labels, fraction and seed give the same split on every machine and JVM. Stateless.
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * Splits rows by class.
   *
   * @param labels the label of each row, in {@code [0, numClasses)}
   * @param numClasses number of classes
   * @param testFraction the share of each class that goes to the test split, in (0, 1)
   * @param seed the seed of the shuffle
   * @return the row indices of both splits, ascending
   * @throws IllegalArgumentException if the fraction is not in (0, 1)
   */
  public static SplitIndices split(int[] labels, int numClasses, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1), was " + testFraction);
    }
    int[] counts = new int[numClasses];
    for (int l : labels) {
      counts[l]++;
    }
    int[][] byClass = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      byClass[c] = new int[counts[c]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][fill[labels[i]]++] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] isTest = new boolean[labels.length];
    int testCount = 0;
    for (int c = 0; c < numClasses; c++) {
      int[] rows = byClass[c];
      Shuffle.shuffleInPlace(rows, rng);
      int k = (int) Math.round(rows.length * testFraction);
      if (rows.length >= 2) {
        k = Math.max(1, Math.min(rows.length - 1, k));
      }
      for (int j = 0; j < k; j++) {
        isTest[rows[j]] = true;
      }
      testCount += k;
    }
    int[] test = new int[testCount];
    int[] train = new int[labels.length - testCount];
    int a = 0;
    int b = 0;
    for (int i = 0; i < labels.length; i++) {
      if (isTest[i]) {
        test[b++] = i;
      } else {
        train[a++] = i;
      }
    }
    assert a == train.length && b == test.length : Arrays.toString(counts);
    return new SplitIndices(train, test);
  }
}
