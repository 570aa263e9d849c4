package dev.backproplab.core.dfo;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CMA-ES as an ask/tell optimizer, full-covariance ({@link CmaEsConfig}) or separable ({@link
 * SepCmaEsConfig}), with optional IPOP restarts: Auger and Hansen (2005), "A Restart CMA Evolution
 * Strategy With Increasing Population Size". Each restart starts again from the initial point with
 * {@code sigma0}, fresh paths and identity covariance, and lambda multiplied by the increase factor
 * (2); the budget counts over all restarts. Internal stop reasons (TOLFUN, TOLX, CONDITION,
 * STAGNATION) trigger a restart while restarts remain, and are reported by {@link #stop()} (with
 * {@link StopReason#MAX_RESTARTS} when restarts were configured) once they are used up.
 *
 * <p>Candidates told may differ from those asked (e.g. repaired into bounds): the update uses the
 * told values, with the Mahalanobis length of each changed step clipped to {@code sqrt(n) + 2n/(n+2)}
 * and no negative (active) weight for it, as pycma does for injected solutions (Hansen 2011,
 * "Injecting External Solutions Into CMA-ES"). Pair repairs with a penalty on the repair distance, or
 * ties on the boundary make the fitness flat. Call order as in {@link AskTellOptimizer}; not thread-safe.
 */
public final class CmaEs extends AbstractAskTell {
  private final double[] x0;
  private final SplittableRandom random;
  private final double sigma0;
  private final boolean active;
  private final boolean separable;
  private final int maxRestarts;
  private final double populationIncrease;
  private final CmaEsConfig.Tolerances tolerances;
  private final int lambda0;
  private CmaRun run;
  private int restarts;

  CmaEs(
      double[] x0,
      SplittableRandom random,
      double sigma0,
      int populationSize,
      boolean active,
      boolean separable,
      int maxRestarts,
      double populationIncrease,
      CmaEsConfig.Tolerances tolerances,
      EvaluationBudget budget) {
    super(x0, budget);
    Checks.checkArgument(random != null, "random is null");
    this.x0 = x0.clone();
    this.random = random;
    this.sigma0 = sigma0;
    this.active = active;
    this.separable = separable;
    this.maxRestarts = maxRestarts;
    this.populationIncrease = populationIncrease;
    this.tolerances = tolerances;
    this.lambda0 = populationSize == 0 ? CmaParameters.defaultLambda(n) : populationSize;
    this.run = newRun(lambda0);
  }

  private CmaRun newRun(int lambda) {
    CmaParameters p = new CmaParameters(n, lambda, active, separable);
    return separable
        ? new DiagonalRun(p, x0, sigma0, tolerances)
        : new FullCovarianceRun(p, x0, sigma0, tolerances);
  }

  @Override
  protected double[][] generate() {
    Set<StopReason> internal = EnumSet.noneOf(StopReason.class);
    run.stopReasons(internal);
    if (!internal.isEmpty()) {
      restarts++;
      int lambda = (int) Math.round(lambda0 * Math.pow(populationIncrease, restarts));
      run = newRun(lambda);
    }
    return run.sample(random);
  }

  @Override
  protected void update(double[][] candidates, double[] losses) {
    run.update(candidates, losses);
  }

  @Override
  protected void internalStop(Set<StopReason> reasons) {
    if (restarts >= maxRestarts) {
      int before = reasons.size();
      run.stopReasons(reasons);
      if (maxRestarts > 0 && reasons.size() > before) {
        reasons.add(StopReason.MAX_RESTARTS);
      }
    }
  }

  /** Current sigma of the current run. */
  @Override
  public double stepSize() {
    return run.sigma;
  }

  @Override
  public double[] solution() {
    return mean();
  }

  /** The mean of the current run's search distribution (a copy). */
  public double[] mean() {
    return run.mean.clone();
  }

  /** The population size of the current run. */
  public int populationSize() {
    return run.p.lambda;
  }

  /** Restarts done so far. */
  public int restarts() {
    return restarts;
  }

  /** The current run (for tests). */
  CmaRun currentRun() {
    return run;
  }

  /** Condition number of the current covariance matrix (as of its last decomposition). */
  public double conditionNumber() {
    return run.condition();
  }
}
