package dev.backproplab.core.tune;

import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.dfo.GenerationLoop;
import dev.backproplab.core.dfo.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs a {@link TuneSpec}'s search on the driver through the {@link GenerationLoop}: each generation's
 * candidates are decoded into configurations ({@link Candidate}) that the caller evaluates (one trial
 * each, in one Spark job), and the objective values it returns are told back as losses (NaN, for a trial
 * without the metric, as the worst value).
 *
 * <p>The coordinates a generation asks for are clipped to the unit cube before they are decoded and told
 * (CMA-ES and GA learn from the repaired points). For the optimizers that search only the ordered
 * dimensions ({@link TuneSpec.Optimizer#orderedOnly()}), each candidate's categorical coordinates come
 * from a uniform stream seeded by the search seed, the generation and the candidate index.
 *
 * <p>Deterministic: the same spec, seed and objective values give the same candidates, which is what
 * lets a resumed search replay the values of committed trials instead of running them again. The search
 * ends after {@code trials} trials (the last generation is cut short and not told when fewer trials
 * remain than it asks) or when the optimizer stops on its own. Single-use; not thread-safe.
 */
public final class Tuner {

  /**
   * One configuration to evaluate.
   *
   * @param generation its generation, from 0
   * @param index its index in the generation
   * @param values the searched parameters' values, by name in space order
   */
  public record Candidate(int generation, int index, Map<String, Object> values) {}

  /** Evaluates a generation's configurations. */
  @FunctionalInterface
  public interface Trials {
    /** The objective values of {@code candidates}, in order; NaN for a trial without the metric. */
    double[] objectives(List<Candidate> candidates);
  }

  /**
   * How a search ended.
   *
   * @param generations generations asked
   * @param trials configurations evaluated
   * @param best the best configuration, or null when no trial had the metric
   * @param bestValue its objective value (NaN when none)
   * @param stop the optimizer's own stop reasons (empty when the trial count ended it)
   */
  public record Result(int generations, int trials, Map<String, Object> best, double bestValue,
      Set<StopReason> stop) {}

  private final TuneSpec spec;
  private final long seed;

  /** A search of {@code spec} from {@code seed}. */
  public Tuner(TuneSpec spec, long seed) {
    this.spec = spec;
    this.seed = seed;
  }

  /** Runs the search, each generation's trials evaluated by {@code trials}. */
  public Result run(Trials trials) {
    AskTellOptimizer search = spec.create(new SplittableRandom(seed));
    Body body = new Body(trials);
    GenerationLoop.run(search, body);
    return new Result(body.generations, body.evaluated, body.best, body.bestValue,
        body.evaluated < spec.trials() ? search.stop() : Set.of());
  }

  /** The coordinates of candidate {@code index} of {@code generation} in the whole space, from the asked ones. */
  private double[] coordinates(double[] asked, int generation, int index) {
    for (int j = 0; j < asked.length; j++) {
      asked[j] = Double.isNaN(asked[j]) ? 0.5 : Math.min(1, Math.max(0, asked[j])); // repaired, then told
    }
    if (!spec.optimizer().orderedOnly()) {
      return asked;
    }
    int[] numeric = spec.space().numeric();
    double[] u = new double[spec.space().dimensions().size()];
    for (int j = 0; j < numeric.length; j++) {
      u[numeric[j]] = asked[j];
    }
    SplittableRandom draw = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (generation * 65_536L + index + 1));
    for (int c : spec.space().categorical()) {
      u[c] = draw.nextDouble();
    }
    return u;
  }

  private final class Body implements GenerationLoop.Body {
    private final Trials trials;
    private int generations;
    private int evaluated;
    private Map<String, Object> best;
    private double bestValue = Double.NaN;

    Body(Trials trials) {
      this.trials = trials;
    }

    @Override
    public boolean more() {
      return evaluated < spec.trials();
    }

    @Override
    public double[] losses(Generation g) {
      int generation = generations++;
      int run = Math.min(g.size(), spec.trials() - evaluated);
      double[][] asked = ((Generation.Vectors) g).vectors();
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < run; i++) {
        candidates.add(new Candidate(generation, i, spec.space().decode(coordinates(asked[i], generation, i))));
      }
      double[] values = trials.objectives(candidates);
      evaluated += run;
      double[] losses = new double[g.size()];
      for (int i = 0; i < run; i++) {
        losses[i] = spec.objective().loss(values[i]);
        if (!Double.isNaN(losses[i])
            && (Double.isNaN(bestValue) || spec.objective().loss(bestValue) > losses[i])) {
          bestValue = values[i];
          best = candidates.get(i).values();
        }
      }
      return run < g.size() ? null : losses;
    }
  }
}
