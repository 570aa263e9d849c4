package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.dfo.Generation;

/**
 * Scores the candidates of a generation: each one's mean loss on the same training minibatch. The
 * in-process evaluator ({@link LocalEvaluator}) stacks them through the network; a distributed one
 * (the {@code bpl search} job) spreads them over Spark executors. Either way the optimizer stays with
 * the driver: CONTRIBUTING.md, "Code conventions".
 */
public interface PopulationEvaluator {

  /**
   * The loss of every candidate of {@code generation}, in order, on the training examples whose
   * indices are {@code rows}.
   */
  double[] losses(Generation generation, int[] rows);
}
