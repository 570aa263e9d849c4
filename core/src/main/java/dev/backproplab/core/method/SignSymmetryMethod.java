package dev.backproplab.core.method;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.SignSymmetry;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.CreditConfig;
import java.util.SplittableRandom;

/**
 * Method {@code sign-symmetry}: feedback with the signs of the forward weights ({@link SignSymmetry};
 * Liao, Leibo &amp; Poggio 2016).
 */
public final class SignSymmetryMethod extends GradientMethod {
  private static final ParamDef MAGNITUDES =
      ParamDef.choice("magnitudes", SignSymmetry.Magnitudes.UNIT, SignSymmetry.Magnitudes.class,
          "feedback magnitudes: equal, random fixed, or random redrawn every step");

  public SignSymmetryMethod() {
    super("sign-symmetry", "sign-symmetric feedback (Liao, Leibo & Poggio 2016)", FEEDBACK_SCALE, MAGNITUDES);
  }

  @Override
  protected CreditConfig.RuleFactory rule(Params p) {
    return new Rule(p.real("feedback_scale"), p.choice("magnitudes", SignSymmetry.Magnitudes.class));
  }

  private record Rule(double scale, SignSymmetry.Magnitudes magnitudes) implements CreditConfig.RuleFactory {
    @Override
    public CreditAssignment make(Network network, SplittableRandom feedback) {
      return new SignSymmetry(network, magnitudes, scale, feedback);
    }
  }
}
