package dev.backproplab.core.trial;

import dev.backproplab.core.data.DataSplit;

/**
 * How one family of methods trains a network for a trial: gradient methods step through minibatches,
 * derivative-free methods ask and tell. A trainer reads its hyperparameters from the spec, trains
 * until {@link TrialProgress#exhausted()}, and reports steps and measurements to the progress; it
 * signals divergence by throwing {@link TrialProgress#diverged(String)}. The runner owns everything
 * else (timing, the result, turning exceptions into FAILED rows).
 *
 * <p>A trainer instance runs one trial on one thread.
 */
public interface Trainer {

  /** Trains the network {@code spec} describes on {@code data}, reporting to {@code progress}. */
  void train(TrialSpec spec, DataSplit data, TrialProgress progress);
}
