package dev.backproplab.core.dfo;

/**
 * A CMA-ES run with a full covariance matrix C = B diag(D^2) B^T. The eigendecomposition is lazy, as
 * in Hansen's reference code and pycma: it is recomputed once more than {@code lambda / (c1 + cmu) / n
 * / 10} evaluations have passed, so that its O(n^3) cost is amortised to O(n^2) per evaluation.
 *
 * <p>Memory O(n^2); time O(n^2) per candidate. Not thread-safe.
 */
final class FullCovarianceRun extends CmaRun {
  private final double[][] c;
  private final double[][] b;
  private final double[] d;
  private long eigenEvaluation;
  private final double eigenInterval;
  private int decompositions;

  FullCovarianceRun(CmaParameters p, double[] mean, double sigma, CmaEsConfig.Tolerances tol) {
    super(p, mean, sigma, tol);
    c = new double[n][n];
    b = new double[n][n];
    d = new double[n];
    for (int i = 0; i < n; i++) {
      c[i][i] = 1;
      b[i][i] = 1;
      d[i] = 1;
    }
    eigenInterval = p.lambda / (p.c1 + p.cmu) / n / 10;
  }

  @Override
  void transform(double[] z, double[] y) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      double[] bi = b[i];
      for (int j = 0; j < n; j++) {
        s += bi[j] * d[j] * z[j];
      }
      y[i] = s;
    }
  }

  @Override
  void inverseTransform(double[] y, double[] z) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      double yi = y[i];
      double[] bi = b[i];
      for (int j = 0; j < n; j++) {
        t[j] += bi[j] * yi;
      }
    }
    for (int j = 0; j < n; j++) {
      t[j] /= d[j];
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      double[] bi = b[i];
      for (int j = 0; j < n; j++) {
        s += bi[j] * t[j];
      }
      z[i] = s;
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
      for (int j = 0; j <= i; j++) {
        double rankMu = 0;
        for (int r = 0; r < lambda; r++) {
          if (w[r] != 0) {
            rankMu += w[r] * ys[r][i] * ys[r][j];
          }
        }
        double v = decay * c[i][j] + p.c1 * pc[i] * pc[j] + p.cmu * rankMu;
        c[i][j] = v;
        c[j][i] = v;
      }
    }
    if (evaluations - eigenEvaluation > eigenInterval) {
      decompose();
    }
  }

  private void decompose() {
    decompositions++;
    eigenEvaluation = evaluations;
    double[] ev = new double[n];
    SymmetricEigen.decompose(c, ev, b);
    double max = ev[n - 1];
    for (int i = 0; i < n; i++) {
      // a non-positive eigenvalue (possible with the active update) is lifted to a value whose
      // condition number trips the CONDITION criterion
      d[i] = Math.sqrt(ev[i] > 0 ? ev[i] : Math.max(max, Double.MIN_NORMAL) * 1e-15);
    }
  }

  /** Element (i, j) of the covariance matrix C (for tests of the update). */
  double covariance(int i, int j) {
    return c[i][j];
  }

  /** How many eigendecompositions this run has done (for tests of the lazy schedule). */
  int decompositions() {
    return decompositions;
  }

  @Override
  double sqrtDiagC(int i) {
    return Math.sqrt(c[i][i]);
  }

  @Override
  double condition() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double v : d) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return (hi / lo) * (hi / lo);
  }
}
