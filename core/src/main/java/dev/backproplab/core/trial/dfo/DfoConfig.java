package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.Trainer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The configuration of a trial trained by a derivative-free optimizer through the network's flat
 * parameter vector.
 *
 * @param method the method's name
 * @param optimizer the optimizer (its own evaluation budget unlimited: the trial's budget decides)
 * @param batchSize examples in the fitness minibatch shared by a generation's candidates
 * @param dataType precision of the network evaluations
 */
public record DfoConfig(String method, OptimizerConfig<?> optimizer, int batchSize, DataType dataType)
    implements MethodConfig {

  public DfoConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  /** A trainer that evaluates generations in process ({@link LocalEvaluator}). */
  @Override
  public Trainer trainer() {
    return new DfoTrainer(this);
  }
}
