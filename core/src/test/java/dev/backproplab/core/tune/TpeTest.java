package dev.backproplab.core.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.dfo.EvaluationBudget;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TpeTest {

  /** The truncated mixture is a density on [0, 1]: it integrates to 1 (midpoint rule). */
  @Test
  void theParzenDensityIntegratesToOneOnTheUnitInterval() {
    Tpe.Parzen p = new Tpe.Parzen(new double[] {0.05, 0.3, 0.32, 0.9});
    int steps = 20_000;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += Math.exp(p.logDensity((i + 0.5) / steps)) / steps;
    }
    assertEquals(1.0, sum, 1e-4);
    assertEquals(0.975, Tpe.phi(1.959964), 1e-6);
    assertEquals(0.5, Tpe.phi(0), 1e-9);
  }

  /**
   * After the startup draws, candidates gather where the good trials were: on a loss minimal at 0.8 in
   * the first coordinate and at the third of three choices in the second, the last generation's
   * candidates sit nearer 0.8 than the uniform startup draws and mostly pick the third choice.
   */
  @Test
  void afterTheStartupCandidatesGatherAroundTheGoodTrials() {
    Tpe tpe = new Tpe(new int[] {0, 3}, 8, EvaluationBudget.of(80), new SplittableRandom(7));
    double startupDistance = 0;
    double lastDistance = 0;
    int thirdChoice = 0;
    for (int g = 0; g < 10; g++) {
      double[][] x = tpe.ask();
      double[] f = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        double d = Math.abs(x[i][0] - 0.8);
        f[i] = d + (x[i][1] > 2.0 / 3 ? 0 : 0.3);
        if (g == 0) {
          startupDistance += d / x.length;
        }
        if (g == 9) {
          lastDistance += d / x.length;
          thirdChoice += x[i][1] > 2.0 / 3 ? 1 : 0;
        }
        if (g > 1) {
          double cell = x[i][1] * 3 - 0.5;
          assertEquals(Math.rint(cell), cell, 1e-9, "a modelled categorical coordinate is a cell centre");
        }
      }
      tpe.tell(x, f);
    }
    assertTrue(lastDistance < startupDistance / 3, "last " + lastDistance + " startup " + startupDistance);
    assertTrue(thirdChoice >= 6, thirdChoice + " of 8 on the third choice");
    assertEquals(80, tpe.evaluations());
  }
}
