package dev.backproplab.core.method;

import dev.backproplab.core.credit.AdaptiveRbp;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.FeedbackAlignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code arbp}: adaptive random backpropagation, feedback learned by a local rule ({@link
 * AdaptiveRbp}; Baldi, Sadowski &amp; Lu 2018).
 */
public final class AdaptiveRbpMethod extends GradientMethod {

  public AdaptiveRbpMethod() {
    super("arbp", "adaptive random backpropagation (Baldi, Sadowski & Lu 2018)", FEEDBACK_SCALE, FEEDBACK_LR, DERIVATIVE);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"), p.real("feedback_lr"));
  }

  private record Rule(double scale, double rate) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return new AdaptiveRbp(network, FeedbackAlignment.random(network, feedback, scale, 1.0), rate);
    }
  }
}
