package dev.backproplab.datasets.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  /** 100 rows: 50 of class 0, 30 of class 1, 20 of class 2, interleaved. */
  private static int[] labels() {
    return IntStream.range(0, 100).map(i -> i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2).toArray();
  }

  @Test
  void sameSeedGivesTheSameSplit() {
    SplitIndices a = StratifiedSplit.split(labels(), 3, 0.2, 7);
    SplitIndices b = StratifiedSplit.split(labels(), 3, 0.2, 7);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.test(), b.test());
  }

  @Test
  void splitForAFixedSeedIsPinned() {
    // SplittableRandom's sequence is specified, so this split is the same on every JVM.
    SplitIndices s = StratifiedSplit.split(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 2, 0.4, 42);
    assertArrayEquals(new int[] {2, 3, 5, 9}, s.test());
    assertArrayEquals(new int[] {0, 1, 4, 6, 7, 8}, s.train());
  }

  @Test
  void differentSeedsGiveDifferentSplits() {
    assertFalse(Arrays.equals(StratifiedSplit.split(labels(), 3, 0.2, 1).test(),
        StratifiedSplit.split(labels(), 3, 0.2, 2).test()));
  }

  @Test
  void everyClassKeepsItsShare() {
    int[] labels = labels();
    SplitIndices s = StratifiedSplit.split(labels, 3, 0.2, 3);
    int[] perClass = new int[3];
    for (int i : s.test()) {
      perClass[labels[i]]++;
    }
    assertArrayEquals(new int[] {10, 6, 4}, perClass);
    assertEquals(80, s.train().length);
    int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 100).toArray(), all, "a partition of all rows");
    assertTrue(isAscending(s.train()) && isAscending(s.test()));
  }

  @Test
  void tinyClassesKeepOneOnEachSide() {
    SplitIndices s = StratifiedSplit.split(new int[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, 2, 0.1, 5);
    assertEquals(2, s.test().length, "class 0 (2 rows) gives 1, class 1 (8 rows) gives round(0.8) = 1");
  }

  @Test
  void rejectsBadFraction() {
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(labels(), 3, 1.0, 1));
  }

  @Test
  void shuffleIsDeterministicAndAPermutation() {
    float[] f = new float[20];
    int[] l = new int[10];
    for (int i = 0; i < 10; i++) {
      f[2 * i] = i;
      f[2 * i + 1] = 100 + i;
      l[i] = i % 2;
    }
    Examples ex = new Examples(f, l, new int[] {2}, 2);
    Examples a = Shuffles.shuffled(ex, 11);
    Examples b = Shuffles.shuffled(ex, 11);
    assertArrayEquals(a.features(), b.features());
    assertArrayEquals(a.labels(), b.labels());
    assertFalse(Arrays.equals(f, a.features()), "the order changed");
    for (int i = 0; i < 10; i++) {
      float v = a.features()[2 * i];
      assertEquals(100 + v, a.features()[2 * i + 1], "rows move whole");
      assertEquals((int) v % 2, a.labels()[i], "labels move with their rows");
    }
    assertFalse(Arrays.equals(a.features(), Shuffles.shuffled(ex, 12).features()));
  }

  @Test
  void standardisationUsesGivenStatistics() {
    float[] train = {1, 10, 3, 10};
    double[][] st = Scaling.meanStd(train, 2);
    assertArrayEquals(new double[] {2, 10}, st[0]);
    assertArrayEquals(new double[] {1, 1}, st[1], "constant feature gets std 1");
    float[] test = {4, 12};
    Scaling.standardizeInPlace(test, st[0], st[1]);
    assertArrayEquals(new float[] {2, 2}, test);
  }

  private static boolean isAscending(int[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] <= a[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
