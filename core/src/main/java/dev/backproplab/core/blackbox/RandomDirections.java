package dev.backproplab.core.blackbox;

import java.util.random.RandomGenerator;

/**
 * Gaussian-smoothing estimates from random directions {@code g ~ N(0, I_n)} (Nesterov &amp; Spokoiny
 * 2017, "Random gradient-free minimization of convex functions"; Salimans et al. 2017 for the
 * antithetic pairs): {@code J ~ (1/k) sum_t (f(x + s g_t) - f(x)) / s  g_t^T}, or with antithetic pairs
 * {@code (f(x + s g_t) - f(x - s g_t)) / 2s}. Unbiased for a linear map, with an error that falls as
 * {@code 1/sqrt(k)}; {@link #transposeTimes} forms {@code J^T v} without the m x n matrix.
 *
 * @param calls calls per estimate given f(x): k directions, or k/2 antithetic pairs (then even)
 * @param step s, the length scale of the perturbation
 * @param antithetic antithetic pairs rather than one-sided differences
 */
public record RandomDirections(int calls, double step, boolean antithetic) implements JacobianEstimator {
  public RandomDirections {
    if (calls < 1 || (antithetic && calls % 2 != 0)) {
      throw new IllegalArgumentException("random directions need calls >= 1 (even when antithetic), got " + calls);
    }
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("random-direction step must be > 0, got " + step);
    }
  }

  /** Adds, for each direction g_t and its output difference dy_t, {@code sink(g_t, dy_t / k)}. */
  private interface Sink {
    void add(double[] g, double[] dy);
  }

  private long sample(Blackbox f, double[] x, double[] fx, RandomGenerator rng, Sink sink) {
    long before = f.calls();
    int n = f.inputs();
    double[] base = antithetic ? null : JacobianEstimator.base(f, x, fx);
    int directions = antithetic ? calls / 2 : calls;
    double[] g = new double[n];
    double[] up = new double[n];
    double[] down = new double[n];
    for (int t = 0; t < directions; t++) {
      for (int c = 0; c < n; c++) {
        g[c] = rng.nextGaussian();
        up[c] = x[c] + step * g[c];
        down[c] = x[c] - step * g[c];
      }
      double[] fUp = f.call(up);
      double[] fDown = antithetic ? f.call(down) : base;
      double scale = 1.0 / ((antithetic ? 2 * step : step) * directions);
      double[] dy = new double[fUp.length];
      for (int i = 0; i < dy.length; i++) {
        dy[i] = (fUp[i] - fDown[i]) * scale;
      }
      sink.add(g, dy);
    }
    return f.calls() - before;
  }

  @Override
  public JacobianEstimate jacobian(Blackbox f, double[] x, double[] fx, RandomGenerator rng) {
    int n = f.inputs();
    double[] j = new double[f.outputs() * n];
    long spent = sample(f, x, fx, rng, (g, dy) -> {
      for (int i = 0; i < dy.length; i++) {
        for (int c = 0; c < n; c++) {
          j[i * n + c] += dy[i] * g[c];
        }
      }
    });
    return new JacobianEstimate(f.outputs(), n, j, spent);
  }

  @Override
  public VectorEstimate transposeTimes(Blackbox f, double[] x, double[] fx, double[] v, RandomGenerator rng) {
    double[] out = new double[f.inputs()];
    long spent = sample(f, x, fx, rng, (g, dy) -> {
      double vdy = 0;
      for (int i = 0; i < dy.length; i++) {
        vdy += v[i] * dy[i];
      }
      for (int c = 0; c < out.length; c++) {
        out[c] += vdy * g[c];
      }
    });
    return new VectorEstimate(out, spent);
  }

  @Override
  public long callsPerEstimate(Blackbox f) {
    return calls;
  }

  @Override
  public String describe() {
    return (antithetic ? "antithetic" : "gaussian") + "(k=" + calls + ",s=" + step + ")";
  }
}
