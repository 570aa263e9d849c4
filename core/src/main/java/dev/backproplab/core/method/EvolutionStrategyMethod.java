package dev.backproplab.core.method;

import dev.backproplab.core.dfo.EsConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import java.util.List;

/**
 * Method {@code es}: natural evolution strategies with mirrored sampling, centred ranks and Adam on
 * the estimated gradient ({@link EsConfig}; Salimans et al. 2017, "Evolution strategies as a scalable
 * alternative to reinforcement learning").
 */
public final class EvolutionStrategyMethod extends DfoMethod {

  public EvolutionStrategyMethod() {
    super("es", "evolution strategies, mirrored sampling (Salimans et al. 2017)", List.of(
        ParamDef.integer("population", 50, 2, 1 << 20, "candidates per generation (even: mirrored pairs)"),
        ParamDef.realAbove("sigma", 0.02, 0.0, 1e6, "noise standard deviation"),
        ParamDef.realAbove("lr", 0.01, 0.0, 1e6, "Adam step size on the estimated gradient"),
        ParamDef.real("weight_decay", 0.0, 0.0, 1e6, "L2 coefficient added to the gradient")));
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return new EsConfig(p.integer("population"), p.real("sigma"), p.real("lr"), 0.9, 0.999, 1e-8,
        p.real("weight_decay"), UNLIMITED);
  }
}
