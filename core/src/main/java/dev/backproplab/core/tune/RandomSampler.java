package dev.backproplab.core.tune;

import dev.backproplab.core.dfo.EvaluationBudget;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012, "Random Search for Hyper-Parameter Optimization") as an
 * ask/tell optimizer on the unit cube: each ask draws {@code perGeneration} independent uniform points;
 * the losses told only update the best. Deterministic for its random stream. Not thread-safe.
 */
final class RandomSampler extends CubeSampler {

  RandomSampler(int n, int perGeneration, EvaluationBudget budget, SplittableRandom random) {
    super(n, perGeneration, budget, random);
  }

  @Override
  protected double[][] draw(int count) {
    double[][] x = new double[count][];
    for (int i = 0; i < count; i++) {
      x[i] = uniform();
    }
    return x;
  }

  @Override
  protected void observe(double[][] candidates, double[] losses) {}
}
