package dev.backproplab.core.method;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.FeedbackAlignment;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code sparse-rbp}: random feedback with a fraction of non-zero entries ({@link
 * FeedbackAlignment}; Baldi, Sadowski &amp; Lu 2018).
 */
public final class SparseRbpMethod extends GradientMethod {
  private static final ParamDef DENSITY =
      ParamDef.realAbove("density", 0.5, 0.0, 1.0,
          "share of non-zero feedback entries reaching each receiving unit (at least one per unit)");

  public SparseRbpMethod() {
    super("sparse-rbp", "sparse random backpropagation (Baldi, Sadowski & Lu 2018)", FEEDBACK_SCALE, DENSITY, DERIVATIVE);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"), p.real("density"));
  }

  private record Rule(double scale, double density) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return FeedbackAlignment.random(network, feedback, scale, density);
    }
  }
}
