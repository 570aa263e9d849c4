package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * CMA-ES with a full covariance matrix: Hansen and Ostermeier (2001), "Completely Derandomized
 * Self-Adaptation in Evolution Strategies"; defaults of Hansen (2016), "The CMA Evolution Strategy: A
 * Tutorial", and pycma. Optional active covariance update: Jastrebski and Arnold (2006), "Improving
 * Evolution Strategies through Active Covariance Matrix Adaptation". Optional IPOP restarts: Auger and
 * Hansen (2005), "A Restart CMA Evolution Strategy With Increasing Population Size".
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param sigma0 initial step size, positive (about a quarter to a half of the search range)
 * @param populationSize lambda of the first run; 0 for the default {@code 4 + floor(3 ln n)}, else at
 *     least 2
 * @param active whether the worst half gets negative weights (pycma's default: true)
 * @param maxRestarts IPOP restarts after an internal stop (TOLFUN, TOLX, CONDITION, STAGNATION); 0 for
 *     plain CMA-ES
 * @param populationIncrease factor on lambda at each restart (Auger and Hansen: 2)
 * @param bipop BIPOP restarts (Hansen 2009, "Benchmarking a BI-Population CMA-ES on the BBOB-2009
 *     Function Testbed"): before each restart, the regime that has used fewer evaluations goes next,
 *     either IPOP's next large population or a small one, {@code lambda_s = floor(lambda0 (lambda_l /
 *     (2 lambda0))^(U^2))} with {@code sigma0 10^(-2U)}, U uniform in [0, 1]; false for IPOP
 * @param tolerances the internal stop criteria
 * @param budget the shared stop criteria, counted over all restarts
 */
public record CmaEsConfig(
    double sigma0,
    int populationSize,
    boolean active,
    int maxRestarts,
    double populationIncrease,
    boolean bipop,
    Tolerances tolerances,
    EvaluationBudget budget)
    implements OptimizerConfig<CmaEs> {

  /**
   * The internal stop criteria of a CMA-ES run, as in pycma: {@code tolFun} on the spread of recent
   * losses, {@code tolX} on {@code sigma * max(|pc|, sqrt(diag C))}, {@code maxCondition} on the
   * condition number of C, and Hansen's stagnation test if {@code stagnation}.
   */
  public record Tolerances(double tolFun, double tolX, double maxCondition, boolean stagnation)
      implements java.io.Serializable {
    /** pycma's defaults: 1e-11, 1e-11, 1e14, on. */
    public static final Tolerances DEFAULT = new Tolerances(1e-11, 1e-11, 1e14, true);

    public Tolerances {
      checkConfig(tolFun >= 0, "tolFun must be >= 0, found %s", tolFun);
      checkConfig(tolX >= 0, "tolX must be >= 0, found %s", tolX);
      checkConfig(maxCondition > 1, "maxCondition must be > 1, found %s", maxCondition);
    }
  }

  public CmaEsConfig {
    checkConfig(
        sigma0 > 0 && Double.isFinite(sigma0), "cmaes sigma0 must be positive, found %s", sigma0);
    checkConfig(
        populationSize == 0 || populationSize >= 2,
        "cmaes populationSize must be 0 (default) or >= 2, found %s",
        populationSize);
    checkConfig(maxRestarts >= 0, "cmaes maxRestarts must be >= 0, found %s", maxRestarts);
    checkConfig(
        populationIncrease >= 1 && Double.isFinite(populationIncrease),
        "cmaes populationIncrease must be >= 1, found %s",
        populationIncrease);
    checkConfig(tolerances != null, "cmaes tolerances missing");
    checkConfig(budget != null, "cmaes budget missing");
  }

  /** Plain active CMA-ES with default population, tolerances and no restarts. */
  public static CmaEsConfig of(double sigma0, EvaluationBudget budget) {
    return new CmaEsConfig(sigma0, 0, true, 0, 2.0, false, Tolerances.DEFAULT, budget);
  }

  /** IPOP-CMA-ES: up to {@code maxRestarts} restarts, doubling lambda each time. */
  public CmaEsConfig withIpopRestarts(int maxRestarts) {
    return new CmaEsConfig(sigma0, populationSize, active, maxRestarts, 2.0, false, tolerances, budget);
  }

  /** BIPOP-CMA-ES: up to {@code maxRestarts} restarts in either regime. */
  public CmaEsConfig withBipopRestarts(int maxRestarts) {
    return new CmaEsConfig(sigma0, populationSize, active, maxRestarts, 2.0, true, tolerances, budget);
  }

  public CmaEsConfig withPopulationSize(int lambda) {
    return new CmaEsConfig(
        sigma0, lambda, active, maxRestarts, populationIncrease, bipop, tolerances, budget);
  }

  public CmaEsConfig withActive(boolean on) {
    return new CmaEsConfig(sigma0, populationSize, on, maxRestarts, populationIncrease, bipop, tolerances,
        budget);
  }

  public CmaEsConfig withTolerances(Tolerances t) {
    return new CmaEsConfig(sigma0, populationSize, active, maxRestarts, populationIncrease, bipop, t, budget);
  }

  @Override
  public String name() {
    return "cmaes";
  }

  @Override
  public CmaEs create(double[] x0, SplittableRandom random) {
    return new CmaEs(
        Checks.checkInitialPoint(x0),
        random,
        sigma0,
        populationSize,
        active,
        null,
        maxRestarts,
        populationIncrease,
        bipop,
        tolerances,
        budget);
  }
}
