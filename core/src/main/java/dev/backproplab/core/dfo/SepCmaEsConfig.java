package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * Separable (diagonal) CMA-ES: Ros and Hansen (2008), "A Simple Modification in CMA-ES Achieving
 * Linear Time and Space Complexity". O(n) time and memory per candidate, with the larger diagonal
 * learning rates (by default Ros and Hansen's: the full-covariance rates times (n + 2) / 3; pycma's
 * as an option); suited to large n (network weights) and separable problems. No active update.
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param sigma0 initial step size, positive
 * @param populationSize lambda; 0 for the default {@code 4 + floor(3 ln n)}, else at least 2
 * @param maxRestarts IPOP or BIPOP restarts (see {@link CmaEsConfig}); 0 for none
 * @param bipop BIPOP instead of IPOP restarts (see {@link CmaEsConfig})
 * @param rates the diagonal learning rates
 * @param tolerances the internal stop criteria
 * @param budget the shared stop criteria
 */
public record SepCmaEsConfig(
    double sigma0,
    int populationSize,
    int maxRestarts,
    boolean bipop,
    LearningRates rates,
    CmaEsConfig.Tolerances tolerances,
    EvaluationBudget budget)
    implements OptimizerConfig<CmaEs> {

  /** The diagonal learning rates c_1, c_mu (and c_c). */
  public enum LearningRates {
    /** Ros and Hansen (2008): the full-covariance rates times (n + 2) / 3. */
    ROS_HANSEN,
    /** pycma's separable rates ({@code CMA_diagonal}), with c_1 about 1/n. */
    PYCMA
  }

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
    checkConfig(rates != null, "sep-cmaes learning rates missing (ROS_HANSEN or PYCMA)");
    checkConfig(tolerances != null, "sep-cmaes tolerances missing");
    checkConfig(budget != null, "sep-cmaes budget missing");
  }

  /** Default population, tolerances and learning rates, no restarts. */
  public static SepCmaEsConfig of(double sigma0, EvaluationBudget budget) {
    return new SepCmaEsConfig(sigma0, 0, 0, false, LearningRates.ROS_HANSEN, CmaEsConfig.Tolerances.DEFAULT,
        budget);
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
        rates,
        maxRestarts,
        2.0,
        bipop,
        tolerances,
        budget);
  }
}
