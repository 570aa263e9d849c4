package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SA specifics: first ask includes x0, cooling schedule, Metropolis acceptance. */
class SimulatedAnnealingTest {

  @Test
  void firstAskEvaluatesTheStartThenBatches() {
    SimulatedAnnealing sa = new SaConfig(2, 0.5, 1, 1, 3, 0, EvaluationBudget.of(100)).create(new double[] {1, 1}, 1);
    double[][] x = sa.ask();
    assertEquals(4, x.length);
    assertArrayEquals(new double[] {1, 1}, x[0]);
    sa.tell(x, new double[] {1, 2, 3, 4});
    assertEquals(1.0, sa.stepSize());
    assertEquals(3, sa.ask().length);
  }

  @Test
  void coolsGeometricallyAndStopsWhenFrozen() {
    SimulatedAnnealing sa = new SaConfig(1, 0.5, 1, 0.5, 1, 0.1, EvaluationBudget.of(100)).create(new double[] {0}, 1);
    Drive.minimize(sa, TestFunction.SPHERE::value);
    assertEquals(0.0625, sa.stepSize(), 1e-15); // 1, .5, .25, .125, .0625 < 0.1
    assertEquals(0.0625, sa.proposalScale(), 1e-15);
    assertTrue(sa.stop().contains(StopReason.MIN_TEMPERATURE));
  }

  @Test
  void hotChainAcceptsWorseMovesColdChainDoesNot() {
    double[] x0 = {0, 0};
    SimulatedAnnealing hot = new SaConfig(1e9, 1, 1, 1, 1, 0, EvaluationBudget.of(100)).create(x0, 4);
    double[][] x = hot.ask();
    hot.tell(x, new double[] {0, 5});
    assertArrayEquals(x[1], hot.current()); // exp(-5/1e9) ~ 1
    SimulatedAnnealing cold = new SaConfig(1e-9, 1, 1, 1, 1, 0, EvaluationBudget.of(100)).create(x0, 4);
    double[][] y = cold.ask();
    cold.tell(y, new double[] {0, 5});
    assertArrayEquals(x0, cold.current());
    assertNotEquals(y[1][0], cold.current()[0]);
  }

  @Test
  void reevaluationComparesProposalsWithTheCurrentStateMeasuredAgain() {
    SaConfig cold = new SaConfig(1e-9, 1, 1, 1, 1, 0, true, EvaluationBudget.of(100));
    SimulatedAnnealing sa = cold.create(new double[] {0, 0}, 7);
    double[][] first = sa.ask();
    assertEquals(2, first.length);
    sa.tell(first, new double[] {0.0, 5.0}); // proposal worse: rejected
    double[][] second = sa.ask();
    assertEquals(2, second.length, "the current state is evaluated again");
    assertArrayEquals(new double[] {0, 0}, second[0]);
    sa.tell(second, new double[] {10.0, 5.0}); // the state measured worse now: the proposal wins
    assertArrayEquals(second[1], sa.current());

    SimulatedAnnealing once = new SaConfig(1e-9, 1, 1, 1, 1, 0, EvaluationBudget.of(100))
        .create(new double[] {0, 0}, 7);
    double[][] a = once.ask();
    once.tell(a, new double[] {0.0, 5.0});
    double[][] b = once.ask();
    assertEquals(1, b.length);
    once.tell(b, new double[] {5.0}); // compared with the stale 0.0: rejected
    assertArrayEquals(new double[] {0, 0}, once.current());
  }
}
