package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Restarts keep the best run's result; BIPOP alternates regimes; pycma's safeguards stop a run. */
class CmaRestartsAndSafeguardsTest {
  private static final double[] X0 = {3, -2, 1, 4};

  private static void generation(CmaEs cma, ToDoubleFunction<double[]> f) {
    double[][] x = cma.ask();
    cma.tell(x, Arrays.stream(x).mapToDouble(f).toArray());
  }

  private static double sphere(double[] x) {
    return Arrays.stream(x).map(v -> v * v).sum();
  }

  @Test
  void afterARestartThePointIsTheBestRunsMeanNotTheInitialPoint() {
    CmaEs cma = CmaEsConfig.of(0.5, EvaluationBudget.of(1_000_000))
        .withTolerances(new CmaEsConfig.Tolerances(1e-6, 1e-6, 1e14, true)).withIpopRestarts(2)
        .create(X0, new SplittableRandom(3));
    while (cma.restarts() == 0) {
      generation(cma, CmaRestartsAndSafeguardsTest::sphere);
    }
    assertTrue(sphere(cma.point()) < 1e-4, "the finished run's mean: " + sphere(cma.point()));
    assertTrue(sphere(cma.mean()) > 1, "the new run starts at x0");
    generation(cma, CmaRestartsAndSafeguardsTest::sphere);
    assertTrue(sphere(cma.point()) < 1e-4, "a fresh run's first generation does not replace it");
  }

  @Test
  void bipopAlternatesLargeAndSmallPopulations() {
    CmaEs cma = CmaEsConfig.of(0.5, EvaluationBudget.of(2_000_000))
        .withTolerances(new CmaEsConfig.Tolerances(1e-3, 1e-3, 1e14, true)).withBipopRestarts(8)
        .create(X0, new SplittableRandom(5));
    int lambda0 = cma.populationSize();
    List<Integer> lambdas = new ArrayList<>();
    List<Double> sigmas = new ArrayList<>();
    int seen = 0;
    while (cma.stop().isEmpty()) {
      generation(cma, CmaRestartsAndSafeguardsTest::sphere);
      if (cma.restarts() > seen) {
        seen = cma.restarts();
        lambdas.add(cma.populationSize());
        sigmas.add(cma.stepSize());
      }
    }
    assertEquals(8, lambdas.size(), lambdas.toString());
    assertEquals(2 * lambda0, lambdas.get(0), "the first restart is IPOP's: " + lambdas);
    boolean small = false;
    for (int i = 0; i < lambdas.size(); i++) {
      small |= lambdas.get(i) < 2 * lambda0 && sigmas.get(i) <= 0.5;
    }
    assertTrue(small, "a small-population run with a smaller sigma: " + lambdas + " " + sigmas);
    assertTrue(lambdas.stream().anyMatch(l -> l >= 4 * lambda0), "the large regime grows: " + lambdas);
  }

  @Test
  void flatFitnessRaisesSigmaThenStops() {
    CmaEs cma = CmaEsConfig.of(0.5, EvaluationBudget.of(10_000)).create(X0, new SplittableRandom(1));
    generation(cma, x -> 1.0);
    assertTrue(cma.stepSize() > 0.5, "sigma raised on a flat generation: " + cma.stepSize());
    generation(cma, x -> 1.0);
    assertTrue(cma.stop().contains(StopReason.FLAT_FITNESS), cma.stop().toString());
  }

  @Test
  void aSlopeThatNeverEndsStopsOnTolfacupx() {
    CmaEs cma = CmaEsConfig.of(0.1, EvaluationBudget.of(1_000_000)).create(X0, new SplittableRandom(2));
    while (cma.stop().isEmpty()) {
      generation(cma, x -> x[0]);
    }
    assertTrue(cma.stop().contains(StopReason.TOLFACUPX), cma.stop().toString());
  }

  @Test
  void aStepBelowTheMeansPrecisionStopsOnNoEffectCoord() {
    CmaEs cma = CmaEsConfig.of(1e-3, EvaluationBudget.of(10_000))
        .create(new double[] {1e16, 1e16, 1e16}, new SplittableRandom(2));
    generation(cma, CmaRestartsAndSafeguardsTest::sphere);
    assertTrue(cma.stop().contains(StopReason.NOEFFECTCOORD), cma.stop().toString());
    assertTrue(cma.stop().contains(StopReason.NOEFFECTAXIS), cma.stop().toString());
  }

  @Test
  void nonFiniteCandidatesStopTheRun() {
    CmaEs cma = CmaEsConfig.of(1e308, EvaluationBudget.of(10_000))
        .create(new double[] {1e308, -1e308, 1e308}, new SplittableRandom(2));
    SplittableRandom losses = new SplittableRandom(4);
    generation(cma, x -> losses.nextDouble());
    assertTrue(cma.stop().contains(StopReason.NUMERICAL_ERROR), cma.stop().toString());
  }

  @Test
  void separableRatesAreRosAndHansensByDefault() {
    int n = 100;
    int lambda = CmaParameters.defaultLambda(n);
    CmaParameters full = new CmaParameters(n, lambda, false, (SepCmaEsConfig.LearningRates) null);
    CmaParameters ros = new CmaParameters(n, lambda, false, SepCmaEsConfig.LearningRates.ROS_HANSEN);
    CmaParameters pycma = new CmaParameters(n, lambda, false, SepCmaEsConfig.LearningRates.PYCMA);
    assertEquals(full.c1 * (n + 2) / 3.0, ros.c1, 1e-15);
    assertEquals(full.cmu * (n + 2) / 3.0, ros.cmu, 1e-15);
    assertTrue(Math.abs(pycma.c1 - ros.c1) > 1e-6, "the pycma option differs");
    assertEquals(SepCmaEsConfig.LearningRates.ROS_HANSEN, SepCmaEsConfig.of(1, EvaluationBudget.of(1)).rates());
  }
}
