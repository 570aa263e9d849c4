package dev.backproplab.core.tune;

import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.StopReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012, "Random Search for Hyper-Parameter Optimization") as an
 * ask/tell optimizer on the unit cube: each ask draws {@code perGeneration} independent uniform points;
 * the losses told only update the best. Deterministic for its random stream. Not thread-safe.
 */
final class RandomSampler implements AskTellOptimizer {
  private final int n;
  private final int perGeneration;
  private final EvaluationBudget budget;
  private final SplittableRandom random;
  private double[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private long evaluations;
  private boolean asked;

  RandomSampler(int n, int perGeneration, EvaluationBudget budget, SplittableRandom random) {
    this.n = n;
    this.perGeneration = perGeneration;
    this.budget = budget;
    this.random = random;
    this.best = new double[n];
    Arrays.fill(best, 0.5);
  }

  @Override
  public double[][] ask() {
    if (asked || !stop().isEmpty()) {
      throw new IllegalStateException(asked ? "ask() called twice without tell() in between"
          : "ask() called after the optimizer stopped: " + stop());
    }
    asked = true;
    double[][] x = new double[perGeneration][n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextDouble();
      }
    }
    return x;
  }

  @Override
  public void tell(double[][] candidates, double[] losses) {
    if (!asked) {
      throw new IllegalStateException("tell() called without a preceding ask()");
    }
    if (candidates.length != perGeneration || losses.length != perGeneration) {
      throw new IllegalArgumentException("tell() needs " + perGeneration + " candidates and losses");
    }
    asked = false;
    for (int i = 0; i < losses.length; i++) {
      evaluations++;
      double f = Double.isNaN(losses[i]) ? Double.POSITIVE_INFINITY : losses[i];
      if (f < bestLoss) {
        bestLoss = f;
        best = candidates[i].clone();
      }
    }
  }

  @Override
  public Set<StopReason> stop() {
    EnumSet<StopReason> reasons = EnumSet.noneOf(StopReason.class);
    if (evaluations >= budget.maxEvaluations()) {
      reasons.add(StopReason.MAX_EVALUATIONS);
    }
    return reasons;
  }

  @Override
  public double[] best() {
    return best.clone();
  }

  @Override
  public double bestLoss() {
    return bestLoss;
  }

  @Override
  public long evaluations() {
    return evaluations;
  }

  /** Random search has no step size: the cube's side, 1. */
  @Override
  public double stepSize() {
    return 1;
  }

  @Override
  public int dimension() {
    return n;
  }
}
