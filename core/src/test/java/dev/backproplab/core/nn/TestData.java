package dev.backproplab.core.nn;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Small random classification problems for tests. */
public final class TestData {
  private TestData() {}

  /** Train and test examples labelled by the same random linear map. */
  public static DataSplit split(int nTrain, int nTest, int d, int classes, long seed) {
    Examples all = gaussian(nTrain + nTest, d, classes, seed);
    float[] x = all.features();
    int[] y = all.labels();
    return new DataSplit("toy",
        new Examples(Arrays.copyOf(x, nTrain * d), Arrays.copyOf(y, nTrain), new int[] {d}, classes),
        new Examples(Arrays.copyOfRange(x, nTrain * d, x.length), Arrays.copyOfRange(y, nTrain, y.length),
            new int[] {d}, classes),
        "sha-of-toy-" + seed);
  }

  /** {@code n} examples of {@code d} Gaussian features with labels from a random linear map. */
  public static Examples gaussian(int n, int d, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * d];
    int[] y = new int[n];
    double[][] w = new double[classes][d];
    for (double[] row : w) {
      for (int j = 0; j < d; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) rng.nextGaussian();
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += w[c][j] * x[i * d + j];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      y[i] = best;
    }
    return new Examples(x, y, new int[] {d}, classes);
  }
}
