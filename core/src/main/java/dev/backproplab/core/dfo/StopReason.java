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
  MAX_RESTARTS
}
