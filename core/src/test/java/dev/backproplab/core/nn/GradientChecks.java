package dev.backproplab.core.nn;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.data.Examples;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

  /**
   * Compares the input gradient of {@code sum over levels of <G_level, activations(level)>} (fixed
   * random G, random inputs) from {@link InputPass#backward} with central differences over every input
   * value, step 1e-6; differences below 1e-8 are ignored, as in {@link #check}.
   */
  static Result checkInput(Network net, int batch, int[] levels, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    InputPass pass = net.inputPass(batch);
    DataView in = DataView.of(pass.input());
    for (int i = 0; i < in.length(); i++) {
      in.set(i, rng.nextGaussian());
    }
    int top = levels[levels.length - 1];
    INDArray[] g = new INDArray[top + 1];
    for (int level : levels) {
      g[level] = Nd4j.create(DataType.DOUBLE, batch, level == 0 ? net.inputs() : net.width(level - 1));
      DataView gv = DataView.of(g[level]);
      for (int i = 0; i < gv.length(); i++) {
        gv.set(i, rng.nextGaussian());
      }
    }
    pass.forward(Math.max(top, 1));
    double[] analytic = DataView.of(pass.backward(g)).toArray();
    double worst = 0;
    for (int i = 0; i < in.length(); i++) {
      double saved = in.get(i);
      in.set(i, saved + 1e-6);
      double lp = levelLoss(pass, g, levels);
      in.set(i, saved - 1e-6);
      double lm = levelLoss(pass, g, levels);
      in.set(i, saved);
      double numeric = (lp - lm) / 2e-6;
      double err = Math.abs(numeric - analytic[i]);
      if (err > 1e-8) {
        worst = Math.max(worst, err / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i])));
      }
    }
    return new Result(analytic, worst, in.length());
  }

  private static double levelLoss(InputPass pass, INDArray[] g, int[] levels) {
    pass.forward(Math.max(levels[levels.length - 1], 1));
    double sum = 0;
    for (int level : levels) {
      sum += pass.activations(level).mul(g[level]).sumNumber().doubleValue();
    }
    return sum;
  }
}
