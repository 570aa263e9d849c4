package dev.backproplab.core.method;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.DirectFeedbackAlignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code dfa}: direct feedback alignment / skipped RBP, the output error projected to every
 * hidden layer ({@link DirectFeedbackAlignment}; Nokland 2016).
 */
public final class DirectFeedbackMethod extends GradientMethod {

  public DirectFeedbackMethod() {
    super("dfa", "direct feedback alignment / skipped RBP (Nokland 2016)", DIRECT_FEEDBACK_SCALE, DERIVATIVE);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"));
  }

  private record Rule(double scale) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return DirectFeedbackAlignment.random(network, feedback, scale);
    }
  }
}
