package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * Separable (diagonal) CMA-ES: Ros and Hansen (2008), "A Simple Modification in CMA-ES Achieving
 * Linear Time and Space Complexity". O(n) time and memory per candidate, with the larger diagonal
 * learning rates; suited to large n (network weights) and separable problems. No active update.
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param sigma0 initial step size, positive
 * @param populationSize lambda; 0 for the default {@code 4 + floor(3 ln n)}, else at least 2
 * @param maxRestarts IPOP restarts (see {@link CmaEsConfig}); 0 for none
 * @param tolerances the internal stop criteria
 * @param budget the shared stop criteria
 */
public record SepCmaEsConfig(
    double sigma0,
    int populationSize,
    int maxRestarts,
    CmaEsConfig.Tolerances tolerances,
    EvaluationBudget budget)
    implements OptimizerConfig<CmaEs> {

  public SepCmaEsConfig {
    checkConfig(
        sigma0 > 0 && Double.isFinite(sigma0),
        "sep-cmaes sigma0 must be positive, found %s",
        sigma0);
    checkConfig(
        populationSize == 0 || populationSize >= 2,
        "sep-cmaes populationSize must be 0 (default) or >= 2, found %s",
        populationSize);
    checkConfig(maxRestarts >= 0, "sep-cmaes maxRestarts must be >= 0, found %s", maxRestarts);
    checkConfig(tolerances != null, "sep-cmaes tolerances missing");
    checkConfig(budget != null, "sep-cmaes budget missing");
  }

  /** Default population and tolerances, no restarts. */
  public static SepCmaEsConfig of(double sigma0, EvaluationBudget budget) {
    return new SepCmaEsConfig(sigma0, 0, 0, CmaEsConfig.Tolerances.DEFAULT, budget);
  }

  @Override
  public String name() {
    return "sep-cmaes";
  }

  @Override
  public CmaEs create(double[] x0, SplittableRandom random) {
    return new CmaEs(
        Checks.checkInitialPoint(x0),
        random,
        sigma0,
        populationSize,
        false,
        true,
        maxRestarts,
        2.0,
        tolerances,
        budget);
  }
}
