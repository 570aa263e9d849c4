package dev.backproplab.core.credit;

import dev.backproplab.core.nn.HiddenErrorRule;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A credit-assignment rule: decides which error signal reaches each hidden layer in the backward
 * pass. Layers compute their forward pass and, from the error at their pre-activations, their own
 * parameter gradients; how that error is formed is the rule's choice (transposed weights for
 * backprop, fixed random matrices for feedback alignment, a direct projection of the output error,
 * ...). This is the one thing DL4J hard-wires and this project exists to vary.
 *
 * <p>Call order per training step: {@link #hiddenError} (from {@link HiddenErrorRule}) once per hidden layer that needs an error (every
 * layer above the lowest one with parameters), from the top hidden layer down, each after the
 * parameter gradients of the layer above are computed; then, after the optimizer has changed the
 * parameters, {@link #afterUpdate} (the trainer calls it; adaptive rules learn their feedback
 * there). A rule belongs to one network and one thread.
 */
public interface CreditAssignment extends HiddenErrorRule {

  /**
   * Whether the error this rule writes for hidden layer {@code layer} is sent across a weight layer's
   * learning channel, so that a low-precision channel ({@link QuantizedErrors}) rounds it. By default,
   * when layer {@code layer + 1} has weights: the error then crossed them (or the feedback standing in
   * for them); an error passed on through pooling or flatten has already been sent once and is not
   * rounded again.
   */
  default boolean crossesChannel(Network network, int layer) {
    return network.layer(layer + 1).hasWeights();
  }

  /**
   * Called once per training step after the parameter update, with the step just trained (its
   * arrays still hold that step's activations and errors). Does nothing by default.
   */
  default void afterUpdate(TrainingStep step) {}

  /**
   * For diagnostics ({@code feedback_angles}): one angle in degrees per hidden layer with weights that
   * receives its error through feedback, ordered from the input up, so entry k is the k-th hidden
   * weight layer for every rule: for the rules that go back layer by layer (fa, arbp, sparse-rbp,
   * sign-symmetry) the angle between the weights above it and the feedback standing in for them; for
   * direct feedback (dfa, asrbp) the angle between its direct matrix and the product of the forward
   * weights above it. Null for rules without feedback arrays. May allocate; called only when
   * diagnostics are on.
   */
  default double[] feedbackAngles(Network network) {
    return null;
  }
}
