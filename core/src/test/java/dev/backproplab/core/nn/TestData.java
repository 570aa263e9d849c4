package dev.backproplab.core.nn;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Small random classification problems for tests. */
public final class TestData {
  private TestData() {}

  /**
   * Train, test and validation examples (as many validation as test examples, drawn after them)
   * labelled by the same random linear map.
   */
  public static DataSplit split(int nTrain, int nTest, int d, int classes, long seed) {
    Examples all = gaussian(nTrain + 2 * nTest, d, classes, seed);
    float[] x = all.features();
    int[] y = all.labels();
    return new DataSplit("toy",
        new Examples(Arrays.copyOf(x, nTrain * d), Arrays.copyOf(y, nTrain), new int[] {d}, classes),
        rows(all, nTrain + nTest, nTrain + 2 * nTest),
        rows(all, nTrain, nTrain + nTest),
        "sha-of-toy-" + seed);
  }

  private static Examples rows(Examples all, int from, int to) {
    int d = all.numFeatures();
    return new Examples(Arrays.copyOfRange(all.features(), from * d, to * d),
        Arrays.copyOfRange(all.labels(), from, to), all.sampleShape(), all.numClasses());
  }

  /** 1x8x8 -> conv 3@3x3 p1 (tanh) -> pool 2 -> conv 4@3x3 s2 p1 (relu) -> flatten -> 5 (tanh) -> 3. */
  public static Network smallCnn(org.nd4j.linalg.api.buffer.DataType type, long seed) {
    ImageShape in = new ImageShape(1, 8, 8);
    Conv2dLayer c1 = new Conv2dLayer(in, 3, 3, 1, 1, Activation.TANH);
    MaxPool2dLayer p1 = new MaxPool2dLayer(c1.outputShape(), 2, 2);
    Conv2dLayer c2 = new Conv2dLayer(p1.outputShape(), 4, 3, 2, 1, Activation.RELU);
    FlattenLayer f = new FlattenLayer(c2.outputShape());
    return Network.of(java.util.List.of(c1, p1, c2, f, new DenseLayer(16, 5, Activation.TANH),
        new DenseLayer(5, 3, Activation.IDENTITY)), type, seed);
  }

  /**
   * {@code n} noisy 1x8x8 images in {@code classes} classes (at most 4): class c has a bright 3x3 blob in
   * quadrant c, at a random offset within it, over Gaussian noise. Spatially structured, so a small
   * convolutional network learns it under any credit-assignment rule.
   */
  public static DataSplit blobs(int nTrain, int nTest, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = nTrain + nTest;
    float[] x = new float[n * 64];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(classes);
      y[i] = c;
      for (int j = 0; j < 64; j++) {
        x[i * 64 + j] = (float) (0.3 * rng.nextGaussian());
      }
      int top = (c / 2) * 4 + rng.nextInt(2);
      int left = (c % 2) * 4 + rng.nextInt(2);
      for (int r = top; r < top + 3; r++) {
        for (int col = left; col < left + 3; col++) {
          x[i * 64 + r * 8 + col] += 1f;
        }
      }
    }
    int[] shape = {1, 8, 8};
    return new DataSplit("blobs",
        new Examples(Arrays.copyOf(x, nTrain * 64), Arrays.copyOf(y, nTrain), shape, classes),
        new Examples(Arrays.copyOfRange(x, nTrain * 64, x.length), Arrays.copyOfRange(y, nTrain, n), shape, classes),
        "sha-of-blobs-" + seed);
  }

  /** {@code n} 1x8x8 Gaussian images in 3 classes from a random linear map. */
  public static Examples images(int n, long seed) {
    Examples flat = gaussian(n, 64, 3, seed);
    return new Examples(flat.features(), flat.labels(), new int[] {1, 8, 8}, 3);
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
