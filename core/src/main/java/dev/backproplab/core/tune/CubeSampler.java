package dev.backproplab.core.tune;

import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.StopReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The bookkeeping of a sampler on the unit cube that asks a fixed number of points per generation: the
 * ask/tell order, the best point, the evaluation count and the budget stop. Subclasses say how a
 * generation is drawn and what they learn from the losses. Not thread-safe.
 */
abstract class CubeSampler implements AskTellOptimizer {
  /** The dimension. */
  protected final int n;
  /** The sampler's random stream. */
  protected final SplittableRandom random;
  private final int perGeneration;
  private final EvaluationBudget budget;
  private double[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private long evaluations;
  private boolean asked;

  CubeSampler(int n, int perGeneration, EvaluationBudget budget, SplittableRandom random) {
    this.n = n;
    this.perGeneration = perGeneration;
    this.budget = budget;
    this.random = random;
    this.best = new double[n];
    Arrays.fill(best, 0.5);
  }

  /** The {@code count} points of the next generation, each in [0, 1]^n. */
  protected abstract double[][] draw(int count);

  /** Learns from a told generation; NaN losses are already +infinity. */
  protected abstract void observe(double[][] candidates, double[] losses);

  /** A point drawn uniformly from the cube. */
  protected final double[] uniform() {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = random.nextDouble();
    }
    return x;
  }

  @Override
  public final double[][] ask() {
    if (asked || !stop().isEmpty()) {
      throw new IllegalStateException(asked ? "ask() called twice without tell() in between"
          : "ask() called after the optimizer stopped: " + stop());
    }
    asked = true;
    return draw(perGeneration);
  }

  @Override
  public final void tell(double[][] candidates, double[] losses) {
    if (!asked) {
      throw new IllegalStateException("tell() called without a preceding ask()");
    }
    if (candidates.length != perGeneration || losses.length != perGeneration) {
      throw new IllegalArgumentException("tell() needs " + perGeneration + " candidates and losses");
    }
    asked = false;
    double[] f = new double[losses.length];
    for (int i = 0; i < losses.length; i++) {
      evaluations++;
      f[i] = Double.isNaN(losses[i]) ? Double.POSITIVE_INFINITY : losses[i];
      if (f[i] < bestLoss) {
        bestLoss = f[i];
        best = candidates[i].clone();
      }
    }
    observe(candidates, f);
  }

  @Override
  public final Set<StopReason> stop() {
    EnumSet<StopReason> reasons = EnumSet.noneOf(StopReason.class);
    if (evaluations >= budget.maxEvaluations()) {
      reasons.add(StopReason.MAX_EVALUATIONS);
    }
    return reasons;
  }

  @Override
  public final double[] best() {
    return best.clone();
  }

  @Override
  public final double bestLoss() {
    return bestLoss;
  }

  @Override
  public final long evaluations() {
    return evaluations;
  }

  /** A sampler has no step size: the cube's side, 1. */
  @Override
  public final double stepSize() {
    return 1;
  }

  @Override
  public final int dimension() {
    return n;
  }
}
