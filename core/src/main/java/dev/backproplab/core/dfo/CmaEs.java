package dev.backproplab.core.dfo;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CMA-ES as an ask/tell optimizer, full-covariance ({@link CmaEsConfig}) or separable ({@link
 * SepCmaEsConfig}), with optional IPOP restarts: Auger and Hansen (2005), "A Restart CMA Evolution
 * Strategy With Increasing Population Size", or BIPOP restarts (Hansen 2009, see {@link
 * CmaEsConfig#bipop()}). Each restart starts again from the initial point with fresh paths and
 * identity covariance; under IPOP with {@code sigma0} and lambda multiplied by the increase factor (2);
 * the budget counts over all restarts. Internal stop reasons (those of {@link CmaRun#stopReasons})
 * trigger a restart while restarts remain, and are reported by {@link #stop()} (with {@link
 * StopReason#MAX_RESTARTS} when restarts were configured) once they are used up.
 *
 * <p>{@link #point()} is the search's result across restarts: the mean of the run whose latest
 * generation had the lowest best loss, so a restart does not throw the reported point back to the
 * initial one (with minibatch losses the comparison is between different minibatches, as every
 * comparison of a noisy search is). {@link #mean()} is the current run's mean.
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
  private final SepCmaEsConfig.LearningRates sepRates;
  private final int maxRestarts;
  private final boolean bipop;
  private final double populationIncrease;
  private final CmaEsConfig.Tolerances tolerances;
  private final int lambda0;
  private CmaRun run;
  private int restarts;
  /** BIPOP: restarts in the large-population regime, and evaluations spent in each regime. */
  private int largeRestarts;
  private long largeEvaluations;
  private long smallEvaluations;
  private boolean currentIsSmall;
  /** The mean of the best finished run and the best loss of its last generation. */
  private double[] bestRunMean;
  private double bestRunLoss = Double.POSITIVE_INFINITY;

  CmaEs(
      double[] x0,
      SplittableRandom random,
      double sigma0,
      int populationSize,
      boolean active,
      SepCmaEsConfig.LearningRates sepRates,
      int maxRestarts,
      double populationIncrease,
      boolean bipop,
      CmaEsConfig.Tolerances tolerances,
      EvaluationBudget budget) {
    super(x0, budget);
    Checks.checkArgument(random != null, "random is null");
    this.x0 = x0.clone();
    this.random = random;
    this.sigma0 = sigma0;
    this.active = active;
    this.sepRates = sepRates;
    this.maxRestarts = maxRestarts;
    this.bipop = bipop;
    this.populationIncrease = populationIncrease;
    this.tolerances = tolerances;
    this.lambda0 = populationSize == 0 ? CmaParameters.defaultLambda(n) : populationSize;
    this.run = newRun(lambda0, sigma0);
  }

  private CmaRun newRun(int lambda, double sigma) {
    CmaParameters p = new CmaParameters(n, lambda, active, sepRates);
    return sepRates != null
        ? new DiagonalRun(p, x0, sigma, tolerances)
        : new FullCovarianceRun(p, x0, sigma, tolerances);
  }

  @Override
  protected double[][] generate() {
    Set<StopReason> internal = EnumSet.noneOf(StopReason.class);
    run.stopReasons(internal);
    if (!internal.isEmpty()) {
      restart();
    }
    return run.sample(random);
  }

  private void restart() {
    if (run.lastBest() < bestRunLoss) {
      bestRunLoss = run.lastBest();
      bestRunMean = run.mean.clone();
    }
    if (currentIsSmall) {
      smallEvaluations += run.evaluations;
    } else {
      largeEvaluations += run.evaluations;
    }
    restarts++;
    double large = lambda0 * Math.pow(populationIncrease, largeRestarts);
    if (bipop && largeRestarts > 0 && smallEvaluations < largeEvaluations) {
      double u = random.nextDouble();
      int lambda = Math.max(2, (int) Math.floor(lambda0 * Math.pow(0.5 * large / lambda0, u * u)));
      currentIsSmall = true;
      run = newRun(lambda, sigma0 * Math.pow(10, -2 * u));
    } else {
      largeRestarts++;
      currentIsSmall = false;
      run = newRun((int) Math.round(lambda0 * Math.pow(populationIncrease, largeRestarts)), sigma0);
    }
  }

  /**
   * The search's result: the mean of the current run, or of an earlier run whose last generation's
   * best loss was lower than the current run's latest (a copy).
   */
  public double[] point() {
    return bestRunMean != null && bestRunLoss < run.lastBest() ? bestRunMean.clone() : run.mean.clone();
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

  /** The mean of the best run across restarts ({@link #point()}). */
  @Override
  public double[] solution() {
    return point();
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
