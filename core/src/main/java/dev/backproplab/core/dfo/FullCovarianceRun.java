package dev.backproplab.core.dfo;

import java.util.Arrays;

/**
 * A CMA-ES run with a full covariance matrix C = B diag(D^2) B^T. The eigendecomposition is lazy, as
 * in Hansen's reference code and pycma: it is recomputed once more than {@code lambda / (c1 + cmu) / n
 * / 10} evaluations have passed, so that its O(n^3) cost is amortised to O(n^2) per evaluation.
 *
 * <p>The O(n^2) loops are written so that the JIT vectorises them without changing a single rounding:
 * B is kept transposed (its eigenvectors in rows), so {@code B D z} is a sum of scaled rows (axpy),
 * and the rank-mu update of each row of C is a sequence of axpys; each sum is still accumulated in the
 * order of the textbook loops. Only C's lower triangle is kept up to date (the decomposition reads
 * nothing else).
 *
 * <p>Memory 2 n^2 doubles; time O(n^2) per candidate. Not thread-safe.
 */
final class FullCovarianceRun extends CmaRun {
  /** The covariance; only the lower triangle ({@code j <= i}) is current. */
  private final double[][] c;
  /** B^T: row j is the eigenvector of C belonging to d[j]. */
  private final double[][] bt;
  private final double[] d;
  private long eigenEvaluation;
  private final double eigenInterval;
  private int decompositions;

  FullCovarianceRun(CmaParameters p, double[] mean, double sigma, CmaEsConfig.Tolerances tol) {
    super(p, mean, sigma, tol);
    c = new double[n][n];
    bt = new double[n][n];
    d = new double[n];
    for (int i = 0; i < n; i++) {
      c[i][i] = 1;
      bt[i][i] = 1;
      d[i] = 1;
    }
    eigenInterval = p.lambda / (p.c1 + p.cmu) / n / 10;
  }

  @Override
  void transform(double[] z, double[] y) {
    // y[i] = sum over j of B[i][j] d[j] z[j], j ascending: row j of B^T scaled and added
    Arrays.fill(y, 0.0);
    for (int j = 0; j < n; j++) {
      double dj = d[j];
      double zj = z[j];
      double[] row = bt[j];
      for (int i = 0; i < n; i++) {
        y[i] += row[i] * dj * zj;
      }
    }
  }

  @Override
  void inverseTransform(double[] y, double[] z) {
    // t = D^-1 B^T y (row dots of B^T), then z = B t (axpys)
    double[] t = new double[n];
    SymmetricEigen.rowDots(bt, n, y, n, t);
    for (int j = 0; j < n; j++) {
      t[j] /= d[j];
    }
    Arrays.fill(z, 0.0);
    for (int j = 0; j < n; j++) {
      double tj = t[j];
      double[] row = bt[j];
      for (int i = 0; i < n; i++) {
        z[i] += row[i] * tj;
      }
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
    double[] rankMu = scratch;
    for (int i = 0; i < n; i++) {
      // row i up to the diagonal: rankMu[j] = sum over r of w[r] y_r[i] y_r[j], r ascending
      Arrays.fill(rankMu, 0, i + 1, 0.0);
      for (int r = 0; r < lambda; r++) {
        if (w[r] != 0) {
          double wy = w[r] * ys[r][i];
          double[] yr = ys[r];
          for (int j = 0; j <= i; j++) {
            rankMu[j] += wy * yr[j];
          }
        }
      }
      double[] ci = c[i];
      double c1pc = p.c1 * pc[i];
      for (int j = 0; j <= i; j++) {
        ci[j] = decay * ci[j] + c1pc * pc[j] + p.cmu * rankMu[j];
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
    SymmetricEigen.decomposeTransposed(c, ev, bt);
    double max = ev[n - 1];
    for (int i = 0; i < n; i++) {
      // a non-positive eigenvalue (possible with the active update) is lifted to a value whose
      // condition number trips the CONDITION criterion
      d[i] = Math.sqrt(ev[i] > 0 ? ev[i] : Math.max(max, Double.MIN_NORMAL) * 1e-15);
    }
  }

  /** Element (i, j) of the covariance matrix C (for tests of the update). */
  double covariance(int i, int j) {
    return i >= j ? c[i][j] : c[j][i]; // only the lower triangle is kept up to date
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
