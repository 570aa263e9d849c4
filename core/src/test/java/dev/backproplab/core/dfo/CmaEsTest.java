package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CMA-ES specifics: default parameters, internal stop criteria, IPOP restarts, injected candidates. */
class CmaEsTest {

  @Test
  void defaultParametersMatchPycmaIn10D() {
    // pycma prints "(5_w,10)-aCMA-ES (mu_w=3.2,w_1=45%) in dimension 10"
    CmaParameters p = new CmaParameters(10, CmaParameters.defaultLambda(10), true, false);
    assertEquals(10, p.lambda);
    assertEquals(5, p.mu);
    assertEquals(3.17, p.mueff, 0.01);
    assertTrue(p.weight(0) >= 0.45 && p.weight(0) < 0.46, "w_1 " + p.weight(0));
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < p.lambda; i++) {
      if (i < p.mu) {
        assertTrue(p.weight(i) > 0);
        pos += p.weight(i);
      } else {
        assertTrue(p.weight(i) <= 0);
        neg += p.weight(i);
      }
    }
    assertEquals(1.0, pos, 1e-12);
    // active: negative weights sum to -min(1 + c1/cmu, 1 + 2 mueff-/(mueff + 2), posdef bound)
    assertTrue(neg < -0.3 && neg > -1 - p.c1 / p.cmu - 1e-12, "negative sum " + neg);
    assertEquals(pos + neg, p.sumWeights, 1e-12);
    assertEquals((p.mueff + 2) / (10 + p.mueff + 3), p.cs, 1e-15);
    assertEquals(2 / (11.3 * 11.3 + p.mueff), p.c1, 1e-15);
  }

  @Test
  void separableLearningRatesAreLarger() {
    CmaParameters full = new CmaParameters(100, CmaParameters.defaultLambda(100), false, false);
    CmaParameters sep = new CmaParameters(100, CmaParameters.defaultLambda(100), false, true);
    assertTrue(sep.c1 > 10 * full.c1, sep.c1 + " vs " + full.c1);
    assertTrue(sep.cmu > 10 * full.cmu, sep.cmu + " vs " + full.cmu);
    for (int i = sep.mu; i < sep.lambda; i++) {
      assertTrue(sep.weight(i) == 0, "no negative weights without active");
    }
  }

  @Test
  void withoutTargetARunEndsOnTolerances() {
    AskTellOptimizer opt =
        CmaEsConfig.of(1, EvaluationBudget.of(100_000)).create(new double[] {1, 2, 3, 4}, 7);
    Drive.minimize(opt, TestFunction.SPHERE::value);
    Set<StopReason> stop = opt.stop();
    assertFalse(stop.contains(StopReason.MAX_EVALUATIONS), stop.toString());
    assertTrue(stop.contains(StopReason.TOLFUN) || stop.contains(StopReason.TOLX), stop.toString());
    assertTrue(opt.bestLoss() < 1e-11);
  }

  @Test
  void illConditionedProblemStopsOnCondition() {
    // a (nearly) degenerate direction: f does not depend on x[1] at all, so its variance grows
    CmaEsConfig config = CmaEsConfig.of(1, EvaluationBudget.of(200_000))
        .withTolerances(new CmaEsConfig.Tolerances(0, 0, 1e6, false));
    AskTellOptimizer opt = config.create(new double[] {1, 1}, 3);
    Drive.minimize(opt, x -> x[0] * x[0]);
    assertTrue(opt.stop().contains(StopReason.CONDITION), opt.stop().toString());
  }

  @Test
  void ipopDoublesThePopulationOnEachRestart() {
    CmaEs opt = CmaEsConfig.of(2, EvaluationBudget.of(60_000)).withIpopRestarts(3)
        .create(new double[] {3, -2, 1, 4, 0}, 11);
    int lambda0 = opt.populationSize();
    assertEquals(8, lambda0); // 4 + floor(3 ln 5)
    int restarts = 0;
    while (opt.stop().isEmpty()) {
      double[][] x = opt.ask();
      assertEquals(lambda0 << opt.restarts(), x.length);
      double[] f = Arrays.stream(x).mapToDouble(TestFunction.RASTRIGIN::value).toArray();
      opt.tell(x, f);
      restarts = opt.restarts();
    }
    assertEquals(3, restarts);
    assertTrue(opt.stop().contains(StopReason.MAX_RESTARTS), opt.stop().toString());
  }

  @Test
  void toldCandidatesMayBeRepaired() {
    // minimise the sphere centred at 2 under x <= 1: the caller clips (repairs) each candidate and
    // adds the squared repair distance as a penalty (Hansen's repair-and-penalise scheme)
    CmaEs opt = CmaEsConfig.of(1, new EvaluationBudget(20_000, 3 + 1e-10)).create(new double[] {0, 0, 0}, 5);
    while (opt.stop().isEmpty()) {
      double[][] x = opt.ask();
      double[] f = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        for (int i = 0; i < 3; i++) {
          double repaired = Math.min(1, x[k][i]);
          f[k] += (repaired - 2) * (repaired - 2) + (x[k][i] - repaired) * (x[k][i] - repaired);
          x[k][i] = repaired;
        }
      }
      opt.tell(x, f);
    }
    assertEquals(java.util.Set.of(StopReason.TARGET_REACHED), opt.stop());
    for (double v : opt.mean()) {
      assertEquals(1.0, v, 1e-3);
    }
  }

  @Test
  void eigendecompositionIsLazyInLargeDimension() {
    int n = 200;
    CmaEs opt = CmaEsConfig.of(1, EvaluationBudget.of(100_000)).create(new double[n], 1);
    int generations = 30;
    for (int g = 0; g < generations; g++) {
      double[][] x = opt.ask();
      opt.tell(x, java.util.Arrays.stream(x).mapToDouble(TestFunction.ELLIPSOID::value).toArray());
    }
    // lambda / (c1 + cmu) / n / 10 is about 46 evaluations, two generations of 19, in 200-D
    int decompositions = ((FullCovarianceRun) opt.currentRun()).decompositions();
    assertTrue(decompositions > 0 && decompositions <= generations / 2, "decompositions " + decompositions);
  }

  @Test
  void stepSizeIsSigmaAndShrinksOnConvergence() {
    CmaEs opt = CmaEsConfig.of(2, new EvaluationBudget(10_000, 1e-10)).create(new double[] {1, 1, 1}, 1);
    assertEquals(2.0, opt.stepSize());
    Drive.minimize(opt, TestFunction.SPHERE::value);
    assertTrue(opt.stepSize() < 1e-3, "sigma " + opt.stepSize());
    assertTrue(opt.conditionNumber() >= 1 && opt.conditionNumber() < 100);
  }
}
