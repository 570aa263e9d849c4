package dev.backproplab.core.dfo;

import java.util.function.ToDoubleFunction;

/** Test helper: the canonical ask/evaluate/tell loop. */
final class Drive {
  private Drive() {}

  static AskTellOptimizer minimize(AskTellOptimizer opt, ToDoubleFunction<double[]> f) {
    while (opt.stop().isEmpty()) {
      double[][] x = opt.ask();
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = f.applyAsDouble(x[i]);
      }
      opt.tell(x, y);
    }
    return opt;
  }
}
