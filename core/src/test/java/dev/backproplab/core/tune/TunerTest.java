package dev.backproplab.core.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TunerTest {
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      Dimension.real("lr", 1e-4, 1.0, true),
      Dimension.real("momentum", 0.0, 0.99, false),
      Dimension.integer("width", 8, 512, true),
      Dimension.choice("activation", List.of("relu", "tanh", "sigmoid"))));

  /** A smooth objective to maximize with its optimum at lr 0.01, momentum 0.9, width 128, tanh: value 1. */
  static double score(Map<String, Object> v) {
    double lr = Math.log10((Double) v.get("lr")) + 2;
    double m = ((Double) v.get("momentum") - 0.9) / 0.3;
    double w = Math.log((Long) v.get("width") / 128.0) / Math.log(4);
    return 1 - 0.1 * (lr * lr + m * m + w * w) - (v.get("activation").equals("tanh") ? 0 : 0.2);
  }

  private static TuneSpec spec(TuneSpec.Optimizer o, int trials, int parallel) {
    return new TuneSpec(o, trials, parallel, Objective.of("val_accuracy"), SPACE);
  }

  @ParameterizedTest
  @EnumSource(TuneSpec.Optimizer.class)
  void theSameSeedAndValuesGiveTheSameCandidatesAndTheTrialCountIsKept(TuneSpec.Optimizer o) {
    List<Tuner.Candidate> first = new ArrayList<>();
    List<Tuner.Candidate> second = new ArrayList<>();
    Tuner.Result r = new Tuner(spec(o, 30, 4), 42).run(c -> { first.addAll(c); return values(c); });
    new Tuner(spec(o, 30, 4), 42).run(c -> { second.addAll(c); return values(c); });
    assertEquals(first, second);
    assertEquals(30, first.size(), o.id());
    assertEquals(30, r.trials());
    for (Tuner.Candidate c : first) {
      assertTrue(SPACE.dimensions().stream().allMatch(d -> c.values().containsKey(d.name())), c.toString());
    }
  }

  private static double[] values(List<Tuner.Candidate> c) {
    return c.stream().mapToDouble(x -> score(x.values())).toArray();
  }

  @ParameterizedTest
  @EnumSource(value = TuneSpec.Optimizer.class, names = {"CMAES", "SEP_CMAES", "GA", "TPE"})
  void theModelBasedOptimizersBeatTheMedianOfRandomSearchOnASmoothObjective(TuneSpec.Optimizer o) {
    List<Double> random = new ArrayList<>();
    List<Double> searched = new ArrayList<>();
    for (long seed = 1; seed <= 9; seed++) {
      random.add(new Tuner(spec(TuneSpec.Optimizer.RANDOM, 80, 8), seed).run(TunerTest::values).bestValue());
      searched.add(new Tuner(spec(o, 80, 8), seed).run(TunerTest::values).bestValue());
    }
    random.sort(null);
    searched.sort(null);
    assertTrue(searched.get(4) > random.get(4), o.id() + " median " + searched.get(4) + " random " + random.get(4));
  }

  @Test
  void aFailedTrialIsToldAsTheWorstAndNeverBecomesTheBest() {
    int[] calls = {0};
    Tuner.Result r = new Tuner(spec(TuneSpec.Optimizer.CMAES, 40, 8), 3).run(c -> {
      double[] v = values(c);
      for (int i = 0; i < v.length; i += 2) {
        v[i] = Double.NaN; // every other trial failed
      }
      calls[0]++;
      return v;
    });
    assertEquals(5, calls[0]);
    assertTrue(Double.isFinite(r.bestValue()) && r.best() != null);
  }

  @Test
  void cmaesDrawsTheCategoricalDimensionsIndependentlyAndGaSearchesThem() {
    Set<Object> seen = new HashSet<>();
    new Tuner(spec(TuneSpec.Optimizer.CMAES, 24, 8), 5).run(c -> {
      c.forEach(x -> seen.add(x.values().get("activation")));
      return values(c);
    });
    assertEquals(Set.of("relu", "tanh", "sigmoid"), seen);
    Tuner.Result ga = new Tuner(spec(TuneSpec.Optimizer.GA, 160, 16), 5).run(TunerTest::values);
    assertEquals("tanh", ga.best().get("activation"));
  }

  @Test
  void aLastGenerationLargerThanTheTrialsLeftIsCutShort() {
    List<Integer> sizes = new ArrayList<>();
    new Tuner(spec(TuneSpec.Optimizer.RANDOM, 10, 4), 1).run(c -> { sizes.add(c.size()); return values(c); });
    assertEquals(List.of(4, 4, 2), sizes);
  }

  @Test
  void anOrderedOptimizerOverChoicesOnlyIsRefused() {
    SearchSpace choices = new SearchSpace(List.of(Dimension.choice("activation", List.of("relu", "tanh"))));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new TuneSpec(TuneSpec.Optimizer.NELDER_MEAD, 8, 2, Objective.of("val_loss"), choices));
    assertTrue(e.getMessage().contains("use ga or random"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> new TuneSpec(TuneSpec.Optimizer.CMAES, 8, 9, Objective.of("val_loss"), SPACE));
    assertTrue(e.getMessage().contains("parallel"), e.getMessage());
  }
}
