package dev.backproplab.core.method;

import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.dfo.SepCmaEsConfig;
import java.util.List;

/**
 * Method {@code sep-cmaes}: CMA-ES with a diagonal covariance, linear in n ({@link SepCmaEsConfig};
 * Ros &amp; Hansen 2008, "A simple modification in CMA-ES achieving linear time and space complexity").
 */
public final class SepCmaEsMethod extends DfoMethod {

  public SepCmaEsMethod() {
    super("sep-cmaes", "separable (diagonal) CMA-ES, linear in n (Ros & Hansen 2008)", concat(CmaEsMethod.PARAMS,
        List.of(ParamDef.choice("learning_rates", "ros-hansen", List.of("ros-hansen", "pycma"),
            "diagonal learning rates: Ros and Hansen's (full-covariance rates x (n + 2) / 3) or pycma's"))));
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    SepCmaEsConfig.LearningRates rates = p.asStrings().get("learning_rates").equals("pycma")
        ? SepCmaEsConfig.LearningRates.PYCMA : SepCmaEsConfig.LearningRates.ROS_HANSEN;
    return new SepCmaEsConfig(p.real("sigma0"), p.integer("population"), p.integer("restarts"),
        CmaEsMethod.bipop(p), rates, CmaEsConfig.Tolerances.DEFAULT, UNLIMITED);
  }
}
