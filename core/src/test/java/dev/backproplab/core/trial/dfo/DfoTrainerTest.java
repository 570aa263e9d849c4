package dev.backproplab.core.trial.dfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.trial.Trials;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DfoTrainerTest {
  private static final DataSplit DATA = TestData.split(300, 200, 8, 3, 1);

  static TrialSpec spec(String method, String params, Budget budget, long seed, List<Integer> hidden) {
    Map<String, Object> given = new LinkedHashMap<>();
    if (!params.isBlank()) {
      for (String kv : params.trim().split("\\s+")) {
        String[] p = kv.split("=");
        Object v = p[1].matches("-?\\d+") ? (Object) Long.valueOf(p[1])
            : p[1].matches("[-0-9.eE]+") ? (Object) Double.valueOf(p[1]) : p[1];
        given.put(p[0], v);
      }
    }
    return Trials.spec(method, given, new ModelSpec("mlp", hidden, "tanh"), budget, seed);
  }

  /**
   * Each method, from the same initial network, on a budget of samples: where its test loss must get
   * to (relative to the initial network's) and how many candidates a generation has.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # method    | params                                         | samples | max loss ratio | candidates per generation
          cmaes       | sigma0=0.1 batch_size=50                        | 150000  | 0.6            | 0
          sep-cmaes   | sigma0=0.1 batch_size=50                        | 150000  | 0.6            | 0
          es          | population=20 sigma=0.05 lr=0.05 batch_size=50  | 150000  | 0.6            | 20
          ga          | population=20 mutation_sigma=0.05 batch_size=50 | 150000  | 0.8            | 20
          ga          | population=20 mutation_sigma=0.05 encoding=seeds crossover=none batch_size=50 | 150000 | 0.8 | 20
          sa          | step=0.05 temperature=0.01 proposals=4 batch_size=50 | 150000 | 0.9         | 4
          nelder-mead | initial_step=0.1 reevaluate=false batch_size=50 | 150000 | 0.99         | 1
          nelder-mead | initial_step=0.1 reevaluate=false batch_size=300 | 300000 | 0.9          | 1
          nelder-mead | initial_step=0.1 batch_size=50                  | 150000  | 1.0            | 0
          """)
  void eachMethodLowersTheTestLossAndAccountsForEveryCandidate(
      String method, String params, long samples, double maxRatio, int perGeneration) {
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(
        spec(method, params, new Budget(null, samples, null), 3, List.of(4)), DATA, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    CurvePoint first = curve.get(0);
    CurvePoint last = curve.get(curve.size() - 1);
    assertTrue(last.testLoss() < maxRatio * first.testLoss(),
        method + ": test loss " + first.testLoss() + " -> " + last.testLoss());
    assertEquals(r.samplesSeen(), last.samplesSeen());
    long batch = params.contains("batch_size=300") ? 300 : 50;
    assertEquals(batch * r.evaluations(), r.samplesSeen(), "every candidate's forward passes count");
    assertTrue(r.samplesSeen() >= samples, "budget spent: " + r.samplesSeen());
    if (perGeneration > 0) {
      assertTrue(r.samplesSeen() < samples + batch * Math.max(perGeneration + 1, 51));
    }
    assertEquals(r.samplesSeen() / 300, r.epochs());
    assertNull(first.trainLoss());
    assertNotNull(last.sigma());
    assertNotNull(last.bestFitness());
    assertNotNull(last.fitnessSpread());
    assertTrue(last.bestFitness() <= last.trainLoss() + 1e-12, "best so far <= the reported point's minibatch loss");
    assertTrue(curve.size() > 10, "a point per epoch-equivalent: " + curve.size());
  }

  @Test
  void sameSeedGivesTheSameCurveAndAnotherSeedAnotherOne() {
    Budget budget = new Budget(null, 30000L, null);
    List<CurvePoint> a = new ArrayList<>();
    List<CurvePoint> b = new ArrayList<>();
    List<CurvePoint> c = new ArrayList<>();
    new TrialRunner().run(spec("es", "population=10", budget, 5, List.of(4)), DATA, a::add);
    new TrialRunner().run(spec("es", "population=10", budget, 5, List.of(4)), DATA, b::add);
    new TrialRunner().run(spec("es", "population=10", budget, 6, List.of(4)), DATA, c::add);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).testLoss(), b.get(i).testLoss(), 0.0);
      assertEquals(a.get(i).bestFitness(), b.get(i).bestFitness());
    }
    assertTrue(a.get(a.size() - 1).testLoss() != c.get(c.size() - 1).testLoss());
  }

  @Test
  void anEpochBudgetCountsEpochEquivalentsOfSamples() {
    TrialResult r = new TrialRunner().run(
        spec("es", "population=10 batch_size=30", new Budget(2, null, null), 5, List.of()), DATA, p -> {});
    assertEquals(2, r.epochs());
    assertEquals(600, r.samplesSeen()); // 2 generations x 10 candidates x 30 examples
    assertEquals(2, r.steps());
    assertEquals(20, r.evaluations());
  }

  @Test
  void seedGenerationsEvaluateAsTheirExplicitCandidates() {
    var net = DfoTrainer.network(spec("es", "", new Budget(1, null, null), 5, List.of(4)), DATA.train());
    double[] mean = dev.backproplab.core.nn.DataView.of(net.params()).toArray();
    Generation seeds = new Generation.Mirrored(mean, 0.1, new long[] {11, 12, 13});
    double[][] explicit = new double[seeds.size()][];
    for (int i = 0; i < explicit.length; i++) {
      explicit[i] = seeds.candidate(i);
    }
    LocalEvaluator eval = new LocalEvaluator(net, DATA.train());
    int[] rows = {5, 9, 100, 7};
    double[] f = eval.losses(seeds, rows);
    // pairs share their first-layer products: equal up to the float network's rounding
    assertArrayEquals(eval.losses(new Generation.Vectors(explicit), rows), f, 1e-5);
    assertArrayEquals(new double[] {f[2], f[3]}, eval.losses(seeds, 2, 4, rows), 0.0);
    assertTrue(f[0] != f[1]);
  }

  @Test
  void valuesThatClashTogetherAreRefusedWhenTheSweepIsResolved() {
    InvalidInputException odd = assertThrows(InvalidInputException.class,
        () -> Trials.resolve("es", Map.of("population", 7L), "q.yaml: methods[2]"));
    assertTrue(odd.getMessage().startsWith("q.yaml: methods[2]: es populationSize must be even"),
        odd.getMessage());
    InvalidInputException crossover = assertThrows(InvalidInputException.class,
        () -> Trials.resolve("ga", Map.of("encoding", "seeds"), "q.yaml: methods[3]"));
    assertTrue(crossover.getMessage().contains("crossover must be NONE with SEEDS"), crossover.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> Trials.resolve("cmaes", Map.of("sigma", 0.1), "q.yaml: methods[1]"));
    assertTrue(unknown.getMessage().contains("did you mean 'sigma0'"), unknown.getMessage());
  }
}
