package dev.backproplab.core.blackbox;

/**
 * An estimated Jacobian {@code J} ({@code m x n}, row-major in {@code values}) and the blackbox calls
 * it cost.
 *
 * @param rows m
 * @param cols n
 * @param values {@code J[i][j]} at {@code i * cols + j}
 * @param calls calls spent on this estimate
 */
public record JacobianEstimate(int rows, int cols, double[] values, long calls) {
  public JacobianEstimate {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(rows + " x " + cols + " Jacobian with " + values.length + " values");
    }
  }

  /** {@code J[i][j]}. */
  public double get(int i, int j) {
    return values[i * cols + j];
  }

  /** {@code J^T v} for v of length m. */
  public double[] transposeTimes(double[] v) {
    double[] out = new double[cols];
    for (int i = 0; i < rows; i++) {
      double vi = v[i];
      if (vi != 0) {
        for (int j = 0; j < cols; j++) {
          out[j] += vi * values[i * cols + j];
        }
      }
    }
    return out;
  }

  /** {@code ||J - truth||_F / ||truth||_F}, truth row-major {@code m x n}. */
  public double relativeError(double[] truth) {
    return relativeError(values, truth);
  }

  /** {@code ||a - truth|| / ||truth||} for vectors (or matrices laid out alike). */
  public static double relativeError(double[] a, double[] truth) {
    double diff = 0;
    double norm = 0;
    for (int k = 0; k < a.length; k++) {
      double d = a[k] - truth[k];
      diff += d * d;
      norm += truth[k] * truth[k];
    }
    return Math.sqrt(diff / norm);
  }
}
