package dev.backproplab.core.dfo;

/**
 * A separable CMA-ES run: the covariance matrix is diagonal, so sampling and updating cost O(n) per
 * candidate and memory is O(n). Learning rates are the larger diagonal ones of Ros and Hansen (2008),
 * "A Simple Modification in CMA-ES Achieving Linear Time and Space Complexity" (see {@link
 * CmaParameters}).
 *
 * <p>Not thread-safe.
 */
final class DiagonalRun extends CmaRun {
  private final double[] c;
  private final double[] d;

  DiagonalRun(CmaParameters p, double[] mean, double sigma, CmaEsConfig.Tolerances tol) {
    super(p, mean, sigma, tol);
    c = new double[n];
    d = new double[n];
    java.util.Arrays.fill(c, 1);
    java.util.Arrays.fill(d, 1);
  }

  @Override
  void transform(double[] z, double[] y) {
    for (int i = 0; i < n; i++) {
      y[i] = d[i] * z[i];
    }
  }

  @Override
  void inverseTransform(double[] y, double[] z) {
    for (int i = 0; i < n; i++) {
      z[i] = y[i] / d[i];
    }
  }

  @Override
  void updateCovariance(double[][] ys, double c1a) {
    int lambda = p.lambda;
    double[] w = new double[lambda];
    double[] scratch = new double[n];
    for (int r = 0; r < lambda; r++) {
      w[r] = covarianceWeight(r, ys[r], scratch);
    }
    double decay = 1 - c1a - p.cmu * p.sumWeights;
    for (int i = 0; i < n; i++) {
      double rankMu = 0;
      for (int r = 0; r < lambda; r++) {
        rankMu += w[r] * ys[r][i] * ys[r][i];
      }
      double v = decay * c[i] + p.c1 * pc[i] * pc[i] + p.cmu * rankMu;
      c[i] = v > 0 ? v : Double.MIN_NORMAL;
      d[i] = Math.sqrt(c[i]);
    }
  }

  @Override
  double sqrtDiagC(int i) {
    return d[i];
  }

  @Override
  double condition() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double v : c) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi / lo;
  }
}
