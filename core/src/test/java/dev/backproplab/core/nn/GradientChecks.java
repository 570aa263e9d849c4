package dev.backproplab.core.nn;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.data.Examples;

/** Central finite differences against backprop's gradient, for the gradient-check tests. */
final class GradientChecks {
  private GradientChecks() {}

  /** The analytic gradient of {@code net}'s loss on all of {@code data}, and the worst relative error. */
  record Result(double[] analytic, double worstRelativeError, int checked) {}

  /**
   * Compares every parameter's analytic gradient (exact backprop on all of {@code data} as one batch)
   * with the central difference of the loss, step 1e-6. Differences below 1e-8 are ignored: a relu or
   * max kink matters only when an input sits within the step of it.
   */
  static Result check(Network net, Examples data) {
    net.trainStep(data, null, 0, data.size(), new Backprop());
    double[] analytic = DataView.of(net.gradients()).toArray();
    DataView p = DataView.of(net.params());
    double h = 1e-6;
    double worst = 0;
    int checked = 0;
    for (int i = 0; i < p.length(); i++) {
      double saved = p.get(i);
      p.set(i, saved + h);
      double plus = net.evaluate(data, data.size()).loss();
      p.set(i, saved - h);
      double minus = net.evaluate(data, data.size()).loss();
      p.set(i, saved);
      double numeric = (plus - minus) / (2 * h);
      double err = Math.abs(numeric - analytic[i]);
      if (err > 1e-8) {
        worst = Math.max(worst, err / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i])));
      }
      checked++;
    }
    return new Result(analytic, worst, checked);
  }
}
