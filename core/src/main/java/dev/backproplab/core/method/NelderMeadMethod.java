package dev.backproplab.core.method;

import dev.backproplab.core.dfo.NelderMeadConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.dfo.DfoConfig;
import java.util.List;

/**
 * Method {@code nelder-mead}: the Nelder-Mead simplex (Nelder &amp; Mead 1965) with adaptive
 * coefficients (Gao &amp; Han 2012) by default ({@link NelderMeadConfig}). Its simplex holds n + 1
 * vectors of n, so it fits small networks only.
 */
public final class NelderMeadMethod extends DfoMethod {

  public NelderMeadMethod() {
    super("nelder-mead", "Nelder-Mead simplex, adaptive coefficients (Gao & Han 2012)", List.of(
        ParamDef.realAbove("initial_step", 0.05, 0.0, 1e6, "edge of the initial simplex"),
        ParamDef.choice("coefficients", NelderMeadConfig.Coefficients.ADAPTIVE,
            NelderMeadConfig.Coefficients.class,
            "adaptive (Gao and Han 2012) or standard Nelder-Mead coefficients"),
        ParamDef.choice("reevaluate", "true", List.of("true", "false"),
            "evaluate every vertex again on the current minibatch after each step (n + 1 evaluations)")));
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return new NelderMeadConfig(p.real("initial_step"),
        p.choice("coefficients", NelderMeadConfig.Coefficients.class), 0, 0, p.flag("reevaluate"), UNLIMITED);
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DfoConfig config) {
    super.checkModel(model, numParams, config);
    checkQuadraticMemory(numParams, 1, "use a smaller model");
  }
}
