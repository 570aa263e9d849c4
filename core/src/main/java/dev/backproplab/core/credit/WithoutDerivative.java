package dev.backproplab.core.credit;

/**
 * Baldi, Sadowski &amp; Lu's control (2018, "Learning in the machine: random backpropagation and the
 * deep learning channel", the variants "without the derivative"): the wrapped rule with the
 * activation derivative left out, so a hidden layer's error at its pre-activations is the signal the
 * rule delivers, unmultiplied by f'. Their finding is that random backpropagation needs f'; this lets a
 * sweep measure it. Everything else (feedback, adaptation, diagnostics) is the wrapped rule's.
 */
public final class WithoutDerivative extends ForwardingRule {

  /** {@code rule} without the activation derivative. */
  public WithoutDerivative(CreditAssignment rule) {
    super(rule);
  }

  @Override
  public boolean activationDerivative() {
    return false;
  }
}
