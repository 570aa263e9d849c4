package dev.backproplab.core.method;

import dev.backproplab.core.credit.AdaptiveSkippedRbp;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.DirectFeedbackAlignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code asrbp}: adaptive skipped random backpropagation, direct feedback learned by a local
 * rule ({@link AdaptiveSkippedRbp}; Baldi, Sadowski &amp; Lu 2018).
 */
public final class AdaptiveSkippedRbpMethod extends GradientMethod {

  public AdaptiveSkippedRbpMethod() {
    super("asrbp", "adaptive skipped random backpropagation (Baldi, Sadowski & Lu 2018)", DIRECT_FEEDBACK_SCALE, FEEDBACK_LR, DERIVATIVE);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"), p.real("feedback_lr"));
  }

  private record Rule(double scale, double rate) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return new AdaptiveSkippedRbp(DirectFeedbackAlignment.random(network, feedback, scale), rate);
    }
  }
}
