package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A rule that wraps another and forwards to it everything it does not change itself. */
abstract class ForwardingRule implements CreditAssignment {
  /** The wrapped rule. */
  final CreditAssignment rule;

  ForwardingRule(CreditAssignment rule) {
    this.rule = rule;
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    rule.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
  }

  @Override
  public boolean crossesChannel(Network network, int layer) {
    return rule.crossesChannel(network, layer);
  }

  @Override
  public boolean activationDerivative() {
    return rule.activationDerivative();
  }

  @Override
  public void afterUpdate(TrainingStep step) {
    rule.afterUpdate(step);
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return rule.feedbackAngles(network);
  }
}
