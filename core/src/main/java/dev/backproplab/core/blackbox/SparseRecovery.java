package dev.backproplab.core.blackbox;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.linear.LinearSolver;

/**
 * Jacobian sensing from random perturbations (Choromanski &amp; Sindhwani 2017, section 3): k calls at
 * {@code x + h g_t}, {@code g_t ~ N(0, I_n)}, give {@code y_t = (f(x + h g_t) - f(x)) / h ~ J g_t}; each
 * row {@code J_i} is then decoded from the k equations {@code G J_i = Y_i} restricted to its support
 * (the declared pattern's row, or all n inputs). The {@link Decoder#L1} decoder solves the linear
 * program {@code min ||Y_i - G x||_1 + lambda ||x||_1}, which recovers {@code J_i} exactly while the
 * grossly wrong calls are a small enough fraction (Candès &amp; Tao 2005, "Decoding by linear
 * programming"; with {@code lambda > 0} and no pattern, Wright &amp; Ma 2010, "Dense error correction
 * via L1-minimization"); {@link Decoder#LEAST_SQUARES} minimises {@code ||Y_i - G x||_2}, the best
 * decoder under Gaussian noise and defenceless against outliers. The programs are solved by ojAlgo's
 * linear solver (docs/adr/0018).
 *
 * @param calls k, calls per estimate given f(x); at least the largest support for a unique answer
 * @param step h, the length scale of the perturbation
 * @param lambda weight of the L1 penalty on the row (0: none; use > 0 when no pattern is declared)
 * @param decoder how each row is decoded
 */
public record SparseRecovery(int calls, double step, double lambda, Decoder decoder) implements JacobianEstimator {

  static {
    // ojAlgo prints a hardware-profile notice to standard output on first use unless this is set;
    // library code here prints nothing (a bench's table, a CLI's CSV would carry it)
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }

  /** How a row is decoded from the perturbations. */
  public enum Decoder {
    /** L1 regression, a linear program. */
    L1,
    /** Ordinary least squares (QR). */
    LEAST_SQUARES
  }

  public SparseRecovery {
    if (calls < 1) {
      throw new IllegalArgumentException("sparse recovery needs calls >= 1, got " + calls);
    }
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("sparse-recovery step must be > 0, got " + step);
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("sparse-recovery lambda must be >= 0, got " + lambda);
    }
    if (decoder == Decoder.LEAST_SQUARES && lambda != 0) {
      throw new IllegalArgumentException("least squares takes no L1 penalty: lambda must be 0, got " + lambda);
    }
  }

  /** The L1 decoder without penalty. */
  public static SparseRecovery l1(int calls, double step) {
    return new SparseRecovery(calls, step, 0.0, Decoder.L1);
  }

  @Override
  public JacobianEstimate jacobian(Blackbox f, double[] x, double[] fx, RandomGenerator rng) {
    long before = f.calls();
    int n = f.inputs();
    int m = f.outputs();
    double[] base = JacobianEstimator.base(f, x, fx);
    double[][] g = new double[calls][n];
    double[][] y = new double[m][calls];
    double[] probe = new double[n];
    for (int t = 0; t < calls; t++) {
      for (int c = 0; c < n; c++) {
        g[t][c] = rng.nextGaussian();
        probe[c] = x[c] + step * g[t][c];
      }
      double[] out = f.call(probe);
      for (int i = 0; i < m; i++) {
        y[i][t] = (out[i] - base[i]) / step;
      }
    }
    int[] all = null;
    double[] j = new double[m * n];
    for (int i = 0; i < m; i++) {
      int[] support;
      if (f.pattern().isPresent()) {
        support = f.pattern().get().row(i);
      } else {
        all = all != null ? all : IntStream.range(0, n).toArray();
        support = all;
      }
      double[] row = decoder == Decoder.L1 ? l1Row(g, y[i], support) : leastSquaresRow(g, y[i], support);
      for (int s = 0; s < support.length; s++) {
        j[i * n + support[s]] = row[s];
      }
    }
    return new JacobianEstimate(m, n, j, f.calls() - before);
  }

  /**
   * {@code argmin_x ||y - G_S x||_1 + lambda ||x||_1} as a linear program in standard form: x = u - w,
   * the residual p - q, all four non-negative; minimise {@code lambda (sum u + sum w) + sum p + sum q}
   * subject to {@code G_S u - G_S w + p - q = y}. Variables: u_k, w_k interleaved, then p_t, q_t.
   */
  private double[] l1Row(double[][] g, double[] y, int[] support) {
    int s = support.length;
    int k = y.length;
    int variables = 2 * s + 2 * k;
    double[] cost = new double[variables];
    Arrays.fill(cost, 0, 2 * s, lambda);
    Arrays.fill(cost, 2 * s, variables, 1.0);
    LinearSolver.Builder program = LinearSolver.newBuilder().objective(cost).lower(0.0);
    for (int t = 0; t < k; t++) {
      double[] row = new double[variables];
      for (int c = 0; c < s; c++) {
        row[2 * c] = g[t][support[c]];
        row[2 * c + 1] = -g[t][support[c]];
      }
      row[2 * s + 2 * t] = 1.0;
      row[2 * s + 2 * t + 1] = -1.0;
      program.equality(y[t], row);
    }
    Optimisation.Result result = program.solve();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("the L1 decoder's linear program ended " + result.getState());
    }
    double[] x = new double[s];
    for (int c = 0; c < s; c++) {
      x[c] = result.doubleValue(2 * c) - result.doubleValue(2 * c + 1);
    }
    return x;
  }

  private static double[] leastSquaresRow(double[][] g, double[] y, int[] support) {
    int s = support.length;
    if (y.length < s) {
      throw new IllegalArgumentException("least squares needs calls >= the support size " + s + ", got " + y.length);
    }
    R064Store a = R064Store.FACTORY.make(y.length, s);
    for (int t = 0; t < y.length; t++) {
      for (int k = 0; k < s; k++) {
        a.set(t, k, g[t][support[k]]);
      }
    }
    QR<Double> qr = QR.R064.make(a);
    qr.compute(a);
    MatrixStore<Double> solution = qr.getSolution(R064Store.FACTORY.column(y));
    double[] row = new double[s];
    for (int k = 0; k < s; k++) {
      row[k] = solution.doubleValue(k);
    }
    return row;
  }

  @Override
  public long callsPerEstimate(Blackbox f) {
    return calls;
  }

  @Override
  public String describe() {
    return (decoder == Decoder.L1 ? "sparse-l1" : "sparse-lsq") + "(k=" + calls + ",h=" + step
        + (lambda > 0 ? ",lambda=" + lambda : "") + ")";
  }
}
