package dev.backproplab.datasets.prep;

/**
 * Feature scaling: pixels to [0, 1], and standardisation with statistics of the training split
 * (applied unchanged to the test split, so no test information leaks into training). Stateless.
 */
public final class Scaling {
  private Scaling() {}

  /** Unsigned bytes divided by {@code max} (255 for 8-bit images), as floats. */
  public static float[] bytesToUnit(byte[] pixels, float max) {
    float[] out = new float[pixels.length];
    float inv = 1f / max;
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (pixels[i] & 0xff) * inv;
    }
    return out;
  }

  /** Divides every value in place by {@code max}. */
  public static void divideInPlace(float[] values, float max) {
    float inv = 1f / max;
    for (int i = 0; i < values.length; i++) {
      values[i] *= inv;
    }
  }

  /**
   * Per-feature mean and standard deviation (population, computed in double) of row-major {@code values}
   * with {@code d} features. A feature with zero spread gets standard deviation 1, so it maps to 0.
   *
   * @return {@code [means, stds]}, each of length {@code d}
   */
  public static double[][] meanStd(float[] values, int d) {
    int n = values.length / d;
    double[] mean = new double[d];
    double[] m2 = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += values[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        double t = values[r * d + j] - mean[j];
        m2[j] += t * t;
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(m2[j] / n);
      if (!(std[j] > 1e-12)) {
        std[j] = 1;
      }
    }
    return new double[][] {mean, std};
  }

  /** Standardises row-major {@code values} in place: {@code (x - mean[j]) / std[j]} per feature j. */
  public static void standardizeInPlace(float[] values, double[] mean, double[] std) {
    int d = mean.length;
    for (int i = 0; i < values.length; i++) {
      int j = i % d;
      values[i] = (float) ((values[i] - mean[j]) / std[j]);
    }
  }
}
