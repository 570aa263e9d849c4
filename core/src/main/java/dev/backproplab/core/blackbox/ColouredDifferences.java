package dev.backproplab.core.blackbox;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Structured recovery through a {@link Colouring} of the blackbox's declared {@link DependencyPattern}
 * (Curtis, Powell &amp; Reid 1974; the colouring step of Choromanski &amp; Sindhwani 2017): the inputs
 * of one colour share no output, so one perturbation {@code h * sum of e_j over the colour} gives, at
 * each output i, the entry of the one input of that colour it depends on. Forward differences spend
 * as many calls as colours (given f(x)), central twice as many: the chromatic number, not n. Exact, up
 * to rounding, for a noiseless linear map whose Jacobian fits the pattern.
 *
 * @param step h, the perturbation of each input
 * @param central central rather than forward differences
 */
public record ColouredDifferences(double step, boolean central) implements JacobianEstimator {
  public ColouredDifferences {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("colouring step must be > 0, got " + step);
    }
  }

  @Override
  public JacobianEstimate jacobian(Blackbox f, double[] x, double[] fx, RandomGenerator rng) {
    DependencyPattern pattern = pattern(f);
    Colouring colouring = pattern.colouring();
    long before = f.calls();
    int n = f.inputs();
    int m = f.outputs();
    double[] base = central ? null : JacobianEstimator.base(f, x, fx);
    double[] j = new double[m * n];
    int[] owner = new int[m];
    for (int c = 0; c < colouring.count(); c++) {
      double[] up = x.clone();
      double[] down = x.clone();
      Arrays.fill(owner, -1);
      for (int col = 0; col < n; col++) {
        if (colouring.colour(col) == c) {
          up[col] += step;
          down[col] -= step;
          for (int i : pattern.column(col)) {
            owner[i] = col;
          }
        }
      }
      double[] fUp = f.call(up);
      double[] fDown = central ? f.call(down) : base;
      double width = central ? 2 * step : step;
      for (int i = 0; i < m; i++) {
        if (owner[i] >= 0) {
          j[i * n + owner[i]] = (fUp[i] - fDown[i]) / width;
        }
      }
    }
    return new JacobianEstimate(m, n, j, f.calls() - before);
  }

  /** The colour count of f's pattern, twice that for central differences. */
  @Override
  public long callsPerEstimate(Blackbox f) {
    int colours = pattern(f).colouring().count();
    return central ? 2L * colours : colours;
  }

  private static DependencyPattern pattern(Blackbox f) {
    return f.pattern().orElseThrow(() -> new IllegalArgumentException(
        "colouring needs the blackbox's dependency pattern, and this one declares none"));
  }

  @Override
  public String describe() {
    return "colouring-" + (central ? "central" : "forward") + "(h=" + step + ")";
  }
}
