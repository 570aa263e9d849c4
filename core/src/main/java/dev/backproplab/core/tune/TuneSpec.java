package dev.backproplab.core.tune;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.GaConfig;
import dev.backproplab.core.dfo.NelderMeadConfig;
import dev.backproplab.core.dfo.SepCmaEsConfig;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A method block's {@code tune:}: which optimizer searches which space for how many trials, how many at
 * a time, on which validation objective.
 *
 * @param optimizer the optimizer
 * @param trials the total number of trials, at least 1
 * @param parallel trials per generation (the population of CMA-ES, sep-CMA-ES and GA; the draws per
 *     generation of random search; Nelder-Mead asks what its simplex step needs), at least 1 (2 for GA)
 * @param objective the validation metric and its direction
 * @param space the parameters searched
 */
public record TuneSpec(Optimizer optimizer, int trials, int parallel, Objective objective, SearchSpace space)
    implements Serializable {

  /**
   * The optimizers, as named in sweep files. Every one runs on the unit cube of the space's encoding,
   * started at its centre: CMA-ES (Hansen and Ostermeier 2001) and sep-CMA-ES (Ros and Hansen 2008) with
   * sigma0 = 1/6, Nelder-Mead (Nelder and Mead 1965, Gao and Han's adaptive coefficients) with an initial
   * step of 0.25, a real-coded GA (tournaments of 3, uniform crossover, one elite, Gaussian mutation 0.1,
   * initial spread 1/6), uniform random search (Bergstra and Bengio 2012), and the Tree-structured
   * Parzen Estimator (Bergstra et al. 2011; {@link Tpe}), which models categorical dimensions natively.
   */
  public enum Optimizer {
    CMAES("cmaes", true),
    SEP_CMAES("sep-cmaes", true),
    GA("ga", false),
    NELDER_MEAD("nelder-mead", true),
    RANDOM("random", false),
    TPE("tpe", false);

    private final String id;
    private final boolean ordered;

    Optimizer(String id, boolean ordered) {
      this.id = id;
      this.ordered = ordered;
    }

    /** The name in sweep files. */
    public String id() {
      return id;
    }

    /**
     * Whether it searches only the ordered (numeric) dimensions, the categorical ones drawn by an
     * independent uniform sampler (as Optuna's CMA-ES sampler does); otherwise it searches every
     * coordinate, a categorical one as the cell its value falls in.
     */
    public boolean orderedOnly() {
      return ordered;
    }

    /** The optimizer named {@code name}. */
    public static Optimizer parse(String name) {
      List<String> names = Arrays.stream(values()).map(Optimizer::id).toList();
      for (Optimizer o : values()) {
        if (o.id.equals(name)) {
          return o;
        }
      }
      throw new InvalidInputException("unknown optimizer '" + name + "'" + Suggest.didYouMean(name, names)
          + ": expected one of " + names);
    }
  }

  public TuneSpec {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(space, "space");
    if (trials < 1) {
      throw new InvalidInputException("trials must be >= 1, got " + trials);
    }
    if (parallel < 1 || parallel > trials) {
      throw new InvalidInputException("parallel must be in [1, trials = " + trials + "], got " + parallel);
    }
    if (optimizer == Optimizer.GA && parallel < 2) {
      throw new InvalidInputException("ga needs parallel >= 2 (its population), got " + parallel);
    }
    if (optimizer.orderedOnly() && space.numeric().length == 0) {
      throw new InvalidInputException(optimizer.id() + " searches the numeric parameters and the space has only"
          + " choices: use ga or random");
    }
  }

  /** The dimension the optimizer searches. */
  public int searchDimension() {
    return optimizer.orderedOnly() ? space.numeric().length : space.dimensions().size();
  }

  /**
   * The initial spread on the unit cube of CMA-ES (its sigma0) and of GA's first population: the box [0, 1]
   * is the centre 0.5 +- 3 sigma0 (Hansen's advice for sigma0, and Optuna's {@code CmaEsSampler}: a sixth of
   * the narrowest range), so a first generation rarely leaves the box and is seldom clipped. GA's first
   * version started at 0.3, which put about a tenth of its initial coordinates on the box's faces (clipped
   * to the extreme values, mostly poor ones) and needed more trials on the MNIST bench (docs/adr/0022).
   */
  static final double SIGMA0 = 1.0 / 6;

  /** A fresh optimizer for this search, drawing its randomness from {@code random}. */
  AskTellOptimizer create(SplittableRandom random) {
    int n = searchDimension();
    double[] x0 = new double[n];
    Arrays.fill(x0, 0.5);
    EvaluationBudget budget = EvaluationBudget.of(trials);
    int population = parallel >= 2 ? parallel : 0;
    return switch (optimizer) {
      case CMAES -> CmaEsConfig.of(SIGMA0, budget).withPopulationSize(population).create(x0, random);
      case SEP_CMAES -> new SepCmaEsConfig(SIGMA0, population, 0, false, SepCmaEsConfig.LearningRates.ROS_HANSEN,
          CmaEsConfig.Tolerances.DEFAULT, budget).create(x0, random);
      case GA -> GaConfig.vectors(parallel, SIGMA0, 0.1, budget).create(x0, random);
      case NELDER_MEAD -> NelderMeadConfig.of(0.25, budget).create(x0, random);
      case RANDOM -> new RandomSampler(n, parallel, budget, random);
      case TPE -> new Tpe(space.dimensions().stream().mapToInt(d -> d.categorical() ? d.choices().size() : 0).toArray(),
          parallel, budget, random);
    };
  }
}
