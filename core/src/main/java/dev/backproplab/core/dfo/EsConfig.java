package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * Natural evolution strategies as in Salimans, Ho, Chen, Sidor and Sutskever (2017), "Evolution
 * Strategies as a Scalable Alternative to Reinforcement Learning": mirrored sampling, centered-rank
 * fitness shaping, Adam (Kingma and Ba, 2015) on the estimated gradient, optional L2 weight decay, noise
 * regenerated from per-pair seeds.
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param populationSize candidates per generation, even (pairs of mirrored candidates), at least 2
 * @param sigma the fixed noise standard deviation, positive
 * @param learningRate Adam's step size, positive
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's denominator constant, positive
 * @param weightDecay L2 coefficient added to the gradient (Salimans et al. used 0.005), >= 0
 * @param budget the shared stop criteria
 */
public record EsConfig(
    int populationSize,
    double sigma,
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    EvaluationBudget budget)
    implements OptimizerConfig<EvolutionStrategy> {

  public EsConfig {
    checkConfig(
        populationSize >= 2 && populationSize % 2 == 0,
        "es populationSize must be even and >= 2 (mirrored pairs), found %s",
        populationSize);
    checkConfig(sigma > 0 && Double.isFinite(sigma), "es sigma must be positive, found %s", sigma);
    checkConfig(
        learningRate > 0 && Double.isFinite(learningRate),
        "es learningRate must be positive, found %s",
        learningRate);
    checkConfig(beta1 >= 0 && beta1 < 1, "es beta1 must be in [0, 1), found %s", beta1);
    checkConfig(beta2 >= 0 && beta2 < 1, "es beta2 must be in [0, 1), found %s", beta2);
    checkConfig(epsilon > 0, "es epsilon must be positive, found %s", epsilon);
    checkConfig(weightDecay >= 0, "es weightDecay must be >= 0, found %s", weightDecay);
    checkConfig(budget != null, "es budget missing");
  }

  /** Adam defaults (0.9, 0.999, 1e-8), no weight decay. */
  public static EsConfig of(int populationSize, double sigma, double learningRate, EvaluationBudget budget) {
    return new EsConfig(populationSize, sigma, learningRate, 0.9, 0.999, 1e-8, 0, budget);
  }

  @Override
  public String name() {
    return "es";
  }

  @Override
  public EvolutionStrategy create(double[] x0, SplittableRandom random) {
    return new EvolutionStrategy(Checks.checkInitialPoint(x0), random, this);
  }
}
