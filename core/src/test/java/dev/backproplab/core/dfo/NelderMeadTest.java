package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nelder-Mead specifics: the state machine's asks, coefficients and stop criterion. */
class NelderMeadTest {

  @Test
  void firstAskIsTheInitialSimplexThenOnePointPerStep() {
    NelderMead nm = NelderMeadConfig.of(0.5, EvaluationBudget.of(1000)).create(new double[] {1, 2}, 0);
    double[][] simplex = nm.ask();
    assertArrayEquals(new double[][] {{1, 2}, {1.5, 2}, {1, 2.5}}, simplex);
    nm.tell(simplex, new double[] {3, 2, 1}); // best is {1, 2.5}, worst {1, 2}
    double[][] r = nm.ask();
    assertEquals(1, r.length);
    // reflection of the worst through the centroid of the others: c = (1.25, 2.25), xr = 2c - xw
    assertArrayEquals(new double[] {1.5, 2.5}, r[0], 1e-15);
    assertEquals(0.5, nm.stepSize(), 1e-15);
  }

  @Test
  void failedContractionsShrinkTowardsTheBestVertex() {
    NelderMead nm = new NelderMeadConfig(1, NelderMeadConfig.Coefficients.STANDARD, 0, 0, false,
        EvaluationBudget.of(1000)).create(new double[] {0, 0}, 0);
    double[][] s = nm.ask();
    nm.tell(s, new double[] {0, 1, 2});
    double[][] r = nm.ask();
    nm.tell(r, new double[] {10}); // worse than worst: inside contraction
    double[][] c = nm.ask();
    assertEquals(1, c.length);
    nm.tell(c, new double[] {10}); // fails: shrink
    double[][] shrink = nm.ask();
    assertEquals(2, shrink.length);
    assertArrayEquals(new double[] {0.5, 0}, shrink[0], 1e-15);
    assertArrayEquals(new double[] {0, 0.5}, shrink[1], 1e-15);
  }

  @Test
  void gaoHanCoefficientsDependOnDimension() {
    assertArrayEquals(new double[] {1, 2, 0.5, 0.5},
        NelderMeadConfig.Coefficients.STANDARD.values(10), 0);
    assertArrayEquals(new double[] {1, 1.2, 0.7, 0.9},
        NelderMeadConfig.Coefficients.ADAPTIVE.values(10), 1e-15);
    assertArrayEquals(new double[] {1, 2, 0.5, 0.5},
        NelderMeadConfig.Coefficients.ADAPTIVE.values(2), 1e-15);
  }

  @Test
  void stopsWhenSimplexAndSpreadAreSmall() {
    NelderMead nm = new NelderMeadConfig(1, NelderMeadConfig.Coefficients.ADAPTIVE, 1e-6, 1e-9, false,
        EvaluationBudget.of(100_000)).create(new double[] {3, -1, 2}, 0);
    Drive.minimize(nm, TestFunction.SPHERE::value);
    assertEquals(Set.of(StopReason.TOLX, StopReason.TOLFUN), nm.stop());
    assertTrue(nm.stepSize() <= 1e-6);
    assertTrue(nm.bestLoss() < 1e-9);
  }

  @Test
  void ignoresTheRandomSource() {
    NelderMeadConfig c = NelderMeadConfig.of(1, EvaluationBudget.of(300));
    double[] a = Drive.minimize(c.create(new double[] {1, 1}, 1), TestFunction.ROSENBROCK::value).best();
    double[] b = Drive.minimize(c.create(new double[] {1, 1}, 2), TestFunction.ROSENBROCK::value).best();
    assertTrue(Arrays.equals(a, b));
  }

  @Test
  void reevaluationAsksEveryVertexAgainAfterEachStep() {
    NelderMead nm = new NelderMeadConfig(1, NelderMeadConfig.Coefficients.STANDARD, 0, 0, true,
        EvaluationBudget.of(1000)).create(new double[] {1, 1}, 0);
    double[][] init = nm.ask();
    double[] f = {5, 2, 9};
    nm.tell(init, f);
    double[][] reflect = nm.ask();
    assertEquals(1, reflect.length);
    nm.tell(reflect, new double[] {3}); // between best and second worst: accepted, the step ends
    double[][] again = nm.ask();
    assertEquals(3, again.length, "all vertices again");
    // the best vertex follows the new losses, not the old lucky one
    nm.tell(again, new double[] {10, 0.5, 7});
    org.junit.jupiter.api.Assertions.assertArrayEquals(again[1], nm.bestVertex());
  }
}
