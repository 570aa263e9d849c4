package dev.backproplab.core.dfo;

/**
 * Why an {@link AskTellOptimizer} says it should stop. {@link AskTellOptimizer#stop()} returns a set of
 * these; an empty set means "go on".
 */
public enum StopReason {
  /** The evaluation budget of the {@link EvaluationBudget} is used up. */
  MAX_EVALUATIONS,
  /** The best loss seen is at or below the {@link EvaluationBudget#targetLoss()}. */
  TARGET_REACHED,
  /** The spread of recent losses (or of the simplex's losses) is below the function tolerance. */
  TOLFUN,
  /** The search distribution (step size times spread, or the simplex) is smaller than the x tolerance. */
  TOLX,
  /** The condition number of the covariance matrix exceeds its limit (CMA-ES: 1e14). */
  CONDITION,
  /** No progress over a window of generations. */
  STAGNATION,
  /** Simulated annealing: the temperature fell below its minimum. */
  MIN_TEMPERATURE,
  /** IPOP-CMA-ES: a run stopped for an internal reason and no restarts are left. */
  MAX_RESTARTS,
  /** CMA-ES: sigma grew more than 1e20 times sigma0 relative to C's scale (pycma's tolupsigma). */
  TOLUPSIGMA,
  /** CMA-ES: the search spread in some coordinate grew 1e3 times beyond sigma0 (pycma's tolfacupx). */
  TOLFACUPX,
  /** CMA-ES: adding 0.1 sigma along an axis of C does not change the mean (pycma's noeffectaxis). */
  NOEFFECTAXIS,
  /** CMA-ES: adding 0.2 sigma sqrt(C_ii) to a coordinate does not change it (pycma's noeffectcoord). */
  NOEFFECTCOORD,
  /** CMA-ES: the best losses of recent generations span less than 1e-12 (pycma's tolfunhist). */
  TOLFUNHIST,
  /** CMA-ES: the best and a quarter of the population had the same loss in two generations in a row. */
  FLAT_FITNESS,
  /** CMA-ES: the mean, sigma, C or a candidate left the finite numbers, or C could not be decomposed. */
  NUMERICAL_ERROR
}
