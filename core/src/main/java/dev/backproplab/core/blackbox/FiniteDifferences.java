package dev.backproplab.core.blackbox;

import java.util.random.RandomGenerator;

/**
 * Finite differences, one input at a time: forward {@code (f(x + h e_j) - f(x)) / h} (n calls given
 * f(x)) or central {@code (f(x + h e_j) - f(x - h e_j)) / 2h} (2n calls). Exact, up to rounding, for
 * a linear map.
 *
 * @param step h, the perturbation of each input
 * @param central central rather than forward differences
 */
public record FiniteDifferences(double step, boolean central) implements JacobianEstimator {
  public FiniteDifferences {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("finite-difference step must be > 0, got " + step);
    }
  }

  @Override
  public JacobianEstimate jacobian(Blackbox f, double[] x, double[] fx, RandomGenerator rng) {
    long before = f.calls();
    int n = f.inputs();
    int m = f.outputs();
    double[] base = central ? null : JacobianEstimator.base(f, x, fx);
    double[] j = new double[m * n];
    double[] probe = x.clone();
    for (int c = 0; c < n; c++) {
      probe[c] = x[c] + step;
      double[] up = f.call(probe);
      double[] down = base;
      double width = step;
      if (central) {
        probe[c] = x[c] - step;
        down = f.call(probe);
        width = 2 * step;
      }
      probe[c] = x[c];
      for (int i = 0; i < m; i++) {
        j[i * n + c] = (up[i] - down[i]) / width;
      }
    }
    return new JacobianEstimate(m, n, j, f.calls() - before);
  }

  @Override
  public long callsPerEstimate(Blackbox f) {
    return central ? 2L * f.inputs() : f.inputs();
  }

  @Override
  public String describe() {
    return (central ? "central" : "forward") + "(h=" + step + ")";
  }
}
