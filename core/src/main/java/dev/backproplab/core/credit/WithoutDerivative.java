package dev.backproplab.core.credit;

import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Baldi, Sadowski &amp; Lu's control (2018, "Learning in the machine: random backpropagation and the
 * deep learning channel", the variants "without the derivative"): the wrapped rule with the
 * activation derivative left out, so a hidden layer's error at its pre-activations is the signal the
 * rule delivers, unmultiplied by f'. Their finding is that random backpropagation needs f'; this lets a
 * sweep measure it. Everything else (feedback, adaptation, diagnostics) is the wrapped rule's.
 */
public final class WithoutDerivative implements CreditAssignment {
  private final CreditAssignment rule;

  /** {@code rule} without the activation derivative. */
  public WithoutDerivative(CreditAssignment rule) {
    this.rule = rule;
  }

  @Override
  public void hiddenError(
      Network network, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    rule.hiddenError(network, layer, deltaAbove, outputDelta, errorOut);
  }

  @Override
  public boolean crossesChannel(Network network, int layer) {
    return rule.crossesChannel(network, layer);
  }

  @Override
  public boolean activationDerivative() {
    return false;
  }

  @Override
  public void afterUpdate(Network network) {
    rule.afterUpdate(network);
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return rule.feedbackAngles(network);
  }
}
