package dev.backproplab.core.credit;

import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A credit-assignment rule: decides which error signal reaches each hidden layer in the backward
 * pass. Layers compute their forward pass and, from the error at their pre-activations, their own
 * parameter gradients; how that error is formed is the rule's choice (transposed weights for
 * backprop, fixed random matrices for feedback alignment, a direct projection of the output error,
 * ...). This is the one thing DL4J hard-wires and this project exists to vary.
 *
 * <p>Call order per training step: {@link #hiddenError} once per hidden layer that needs an error (every
 * layer above the lowest one with parameters), from the top hidden layer down, each after the
 * parameter gradients of the layer above are computed; then, after the optimizer has changed the
 * parameters, {@link #afterUpdate} (the trainer calls it; adaptive rules learn their feedback
 * there). A rule belongs to one network and one thread.
 */
public interface CreditAssignment {

  /**
   * Writes into {@code errorOut} ({@code [B, width of hidden layer]}) the error signal at the output
   * activations of hidden layer {@code layer} (0-based), before the activation derivative is applied.
   * A rule may leave {@code errorOut} untouched for a layer without parameters whose error it does not
   * use (direct feedback does, for pooling layers).
   *
   * @param network the network being trained
   * @param layer index of the hidden layer receiving the error
   * @param deltaAbove error at the pre-activations of layer {@code layer + 1}, {@code [B, nOut]}
   * @param outputDelta error at the pre-activations of the output layer, {@code [B, classes]}
   * @param errorOut where the signal is written
   */
  void hiddenError(Network network, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut);

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
   * Whether the network multiplies the error this rule delivers by the receiving layer's activation
   * derivative f'. True but for Baldi et al.'s control without f' ({@link WithoutDerivative}).
   */
  default boolean activationDerivative() {
    return true;
  }

  /** Called once per training step after the parameter update. Does nothing by default. */
  default void afterUpdate(Network network) {}

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
