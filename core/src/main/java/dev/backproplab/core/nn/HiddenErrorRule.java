package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Network#trainStep} asks for at each hidden layer: the error signal reaching it. The
 * credit-assignment rules of {@code dev.backproplab.core.credit} implement it; this interface is the
 * seam between the network (layers, forward and local gradients) and the rule (how the error travels).
 */
public interface HiddenErrorRule {

  /**
   * Writes into {@code errorOut} ({@code [B, width of hidden layer]}) the error signal at the output
   * activations of hidden layer {@code layer} (0-based), before the activation derivative is applied.
   * A rule may leave {@code errorOut} untouched for a layer without parameters whose error it does not
   * use (direct feedback does, for pooling layers).
   *
   * @param step the step being trained
   * @param layer index of the hidden layer receiving the error
   * @param deltaAbove error at the pre-activations of layer {@code layer + 1}, {@code [B, nOut]}
   * @param outputDelta error at the pre-activations of the output layer, {@code [B, classes]}
   * @param errorOut where the signal is written
   */
  void hiddenError(TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut);

  /**
   * Whether the network multiplies the error this rule delivers by the receiving layer's activation
   * derivative f'. True but for Baldi et al.'s control without f'.
   */
  default boolean activationDerivative() {
    return true;
  }
}
