package dev.backproplab.core.method;

import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.dfo.SepCmaEsConfig;

/**
 * Method {@code sep-cmaes}: CMA-ES with a diagonal covariance, linear in n ({@link SepCmaEsConfig};
 * Ros &amp; Hansen 2008, "A simple modification in CMA-ES achieving linear time and space complexity").
 */
public final class SepCmaEsMethod extends DfoMethod {

  public SepCmaEsMethod() {
    super("sep-cmaes", "separable (diagonal) CMA-ES, linear in n (Ros & Hansen 2008)", CmaEsMethod.PARAMS);
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return new SepCmaEsConfig(p.real("sigma0"), p.integer("population"), p.integer("restarts"),
        CmaEsConfig.Tolerances.DEFAULT, UNLIMITED);
  }
}
