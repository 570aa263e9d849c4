package dev.backproplab.core.method;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.FeedbackAlignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code fa}: feedback alignment / random backpropagation with dense random feedback
 * ({@link FeedbackAlignment}; Lillicrap et al. 2016, Baldi, Sadowski &amp; Lu 2018).
 */
public final class FeedbackAlignmentMethod extends GradientMethod {

  public FeedbackAlignmentMethod() {
    super("fa", "feedback alignment / random backpropagation (Lillicrap et al. 2016)", FEEDBACK_SCALE, DERIVATIVE);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"));
  }

  private record Rule(double scale) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return FeedbackAlignment.random(network, feedback, scale, 1.0);
    }
  }
}
