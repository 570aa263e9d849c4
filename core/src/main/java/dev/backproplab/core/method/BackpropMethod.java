package dev.backproplab.core.method;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code bp}: exact backpropagation ({@link dev.backproplab.core.credit.Backprop}; Rumelhart,
 * Hinton &amp; Williams 1986).
 */
public final class BackpropMethod extends GradientMethod {

  public BackpropMethod() {
    super("bp", "exact backpropagation (Rumelhart, Hinton & Williams 1986)");
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule();
  }

  private record Rule() implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return new Backprop();
    }
  }
}
