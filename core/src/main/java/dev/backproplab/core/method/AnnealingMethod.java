package dev.backproplab.core.method;

import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.dfo.SaConfig;
import java.util.List;

/**
 * Method {@code sa}: simulated annealing with Gaussian proposals and Metropolis acceptance ({@link
 * SaConfig}; Kirkpatrick, Gelatt &amp; Vecchi 1983).
 */
public final class AnnealingMethod extends DfoMethod {

  public AnnealingMethod() {
    super("sa", "simulated annealing (Kirkpatrick, Gelatt & Vecchi 1983)", List.of(
        ParamDef.realAbove("temperature", 0.05, 0.0, 1e6, "initial temperature"),
        ParamDef.realAbove("cooling", 0.995, 0.0, 1.0, "temperature factor per step"),
        ParamDef.realAbove("step", 0.01, 0.0, 1e6, "standard deviation of the proposals"),
        ParamDef.realAbove("step_cooling", 1.0, 0.0, 1.0, "proposal scale factor per step"),
        ParamDef.integer("proposals", 8, 1, 1 << 16, "proposals per step; the best is the Metropolis candidate"),
        ParamDef.choice("reevaluate", "true", List.of("true", "false"),
            "evaluate the current state again on each step's minibatch (common random numbers)")));
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return new SaConfig(p.real("temperature"), p.real("cooling"), p.real("step"), p.real("step_cooling"),
        p.integer("proposals"), 0, p.flag("reevaluate"), UNLIMITED);
  }
}
