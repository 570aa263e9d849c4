package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Each optimizer reaches the targets it should, in the dimensions it should, within budget, for every
 * one of several seeds. The rows are in {@code targets.csv}, whose header and comment lines document
 * the columns.
 */
class OptimizerTargetsTest {

  @ParameterizedTest(name = "{0} on {1} {2}-D to {7} within {6}")
  @CsvFileSource(resources = "/dev/backproplab/core/dfo/targets.csv", numLinesToSkip = 1)
  void reachesTarget(
      String optimizer,
      TestFunction function,
      int dimension,
      double startLow,
      double startHigh,
      double step,
      long budget,
      double target,
      int seeds,
      int minSuccesses) {
    int successes = 0;
    StringBuilder failures = new StringBuilder();
    for (int s = 0; s < seeds; s++) {
      SplittableRandom rng = new SplittableRandom(1000L * s + 17);
      double[] x0 = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        x0[i] = startLow + (startHigh - startLow) * rng.nextDouble();
      }
      OptimizerConfig<?> config = Optimizers.config(optimizer, step, new EvaluationBudget(budget, target));
      AskTellOptimizer opt = Drive.minimize(config.create(x0, rng.split()), function::value);
      if (opt.stop().contains(StopReason.TARGET_REACHED)) {
        successes++;
      } else {
        failures.append(String.format("%n  seed %d: best loss %.3g after %d evaluations, stop %s",
            s, opt.bestLoss(), opt.evaluations(), opt.stop()));
      }
    }
    assertTrue(
        successes >= minSuccesses,
        successes + " of " + seeds + " seeds reached the target, expected " + minSuccesses
            + failures);
  }
}
