package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ES specifics: seed regeneration, mirrored pairs, rank shaping, the Adam step. */
class EvolutionStrategyTest {

  @Test
  void candidatesAreRegeneratedFromMeanSigmaAndSeed() {
    EvolutionStrategy es = EsConfig.of(6, 0.3, 0.01, EvaluationBudget.of(100)).create(new double[] {1, 2, 3, 4, 5}, 9);
    double[] mean = es.mean();
    double[][] x = es.ask();
    long[] seeds = es.seeds();
    assertEquals(3, seeds.length);
    for (int i = 0; i < seeds.length; i++) {
      assertArrayEquals(EvolutionStrategy.candidate(mean, 0.3, seeds[i], false), x[2 * i]);
      assertArrayEquals(EvolutionStrategy.candidate(mean, 0.3, seeds[i], true), x[2 * i + 1]);
      for (int j = 0; j < mean.length; j++) {
        assertEquals(2 * mean[j], x[2 * i][j] + x[2 * i + 1][j], 1e-12, "mirrored");
      }
    }
  }

  @Test
  void centeredRanksSpanMinusHalfToHalf() {
    double[] u = EvolutionStrategy.centeredRanks(new double[] {3, 1, 2, Double.POSITIVE_INFINITY, 0});
    assertArrayEquals(new double[] {0.25, -0.25, 0, 0.5, -0.5}, u, 1e-15);
  }

  @Test
  void firstStepMovesEveryCoordinateByTheLearningRate() {
    // Adam's first step has |m_hat / sqrt(v_hat)| = 1 per coordinate
    EvolutionStrategy es = EsConfig.of(4, 0.1, 0.05, EvaluationBudget.of(100)).create(new double[] {1, -1}, 3);
    double[][] x = es.ask();
    es.tell(x, new double[] {TestFunction.SPHERE.value(x[0]), TestFunction.SPHERE.value(x[1]),
        TestFunction.SPHERE.value(x[2]), TestFunction.SPHERE.value(x[3])});
    double[] m = es.mean();
    assertEquals(0.05, Math.abs(m[0] - 1), 1e-6);
    assertEquals(0.05, Math.abs(m[1] + 1), 1e-6);
  }

  @Test
  void meanDescendsTheSphere() {
    EvolutionStrategy es = EsConfig.of(20, 0.1, 0.05, EvaluationBudget.of(10_000)).create(new double[] {3, -2, 1, 2}, 4);
    Drive.minimize(es, TestFunction.SPHERE::value);
    assertTrue(TestFunction.SPHERE.value(es.mean()) < 0.05, "f(mean) " + TestFunction.SPHERE.value(es.mean()));
  }

  @Test
  void seedOnlyPathGivesTheSameRunAsAskTell() {
    EsConfig config = EsConfig.of(8, 0.2, 0.05, EvaluationBudget.of(800));
    double[] x0 = {1, -2, 0.5};
    EvolutionStrategy full = config.create(x0, 6);
    Drive.minimize(full, TestFunction.ELLIPSOID::value);
    EvolutionStrategy seedsOnly = config.create(x0, 6);
    while (seedsOnly.stop().isEmpty()) {
      double[] mean = seedsOnly.mean();
      long[] seeds = seedsOnly.askSeeds();
      double[] f = new double[2 * seeds.length];
      for (int k = 0; k < f.length; k++) { // what each remote evaluator would do
        f[k] = TestFunction.ELLIPSOID.value(
            EvolutionStrategy.candidate(mean, seedsOnly.stepSize(), seeds[k / 2], k % 2 == 1));
      }
      seedsOnly.tellLosses(f);
    }
    assertArrayEquals(full.mean(), seedsOnly.mean());
    assertArrayEquals(full.best(), seedsOnly.best());
    assertEquals(full.bestLoss(), seedsOnly.bestLoss());
    assertEquals(full.evaluations(), seedsOnly.evaluations());
  }

  @Test
  void seedOnlyPathKeepsTheProtocol() {
    EvolutionStrategy es = EsConfig.of(4, 0.1, 0.01, EvaluationBudget.of(100)).create(new double[] {0, 0}, 1);
    assertThrows(IllegalStateException.class, () -> es.tellLosses(new double[4]));
    es.askSeeds();
    assertThrows(IllegalStateException.class, es::askSeeds);
    assertThrows(IllegalArgumentException.class, () -> es.tellLosses(new double[3]));
    es.tellLosses(new double[] {Double.NaN, 1, 2, 3});
    assertEquals(1.0, es.bestLoss());
  }

  @Test
  void weightDecayDoesNotWeakenWithSmallerSigma() {
    // the estimate has no 1/sigma: with the same seeds and ranks, one step is the same at any sigma,
    // weight decay included (with 1/sigma in the estimate, sigma 0.02 would drown the decay 50 times more)
    double[] x0 = {3, -2, 0.5, 1, -4, 2};
    double[][] means = new double[2][];
    double[] sigmas = {0.02, 1.0};
    for (int s = 0; s < 2; s++) {
      EsConfig c = new EsConfig(8, sigmas[s], 0.05, 0.9, 0.999, 1e-8, 0.3, EvaluationBudget.of(100));
      EvolutionStrategy es = c.create(x0, 11);
      double[][] x = es.ask();
      es.tell(x, new double[] {5, 1, 4, 2, 0, 7, 3, 6});
      means[s] = es.mean();
    }
    assertArrayEquals(means[0], means[1], 1e-12);
  }
}
