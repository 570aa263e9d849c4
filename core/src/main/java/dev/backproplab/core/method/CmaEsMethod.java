package dev.backproplab.core.method;

import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.dfo.DfoConfig;
import java.util.List;

/**
 * Method {@code cmaes}: CMA-ES with full covariance and optional IPOP restarts ({@link
 * dev.backproplab.core.dfo.CmaEs}; Hansen &amp; Ostermeier 2001, Auger &amp; Hansen 2005). Its state
 * holds n x n matrices, so it fits networks of up to a few thousand weights.
 */
public final class CmaEsMethod extends DfoMethod {
  /** sigma0, population and restarts: shared with {@code sep-cmaes}. */
  static final List<ParamDef> PARAMS = List.of(
      ParamDef.realAbove("sigma0", 0.05, 0.0, 1e6, "initial step size"),
      ParamDef.integer("population", 0, 0, 1 << 20,
          "candidates per generation; 0 for the default 4 + floor(3 ln n)"),
      ParamDef.integer("restarts", 0, 0, 100, "IPOP restarts, population doubling at each"));

  public CmaEsMethod() {
    super("cmaes", "CMA-ES, full covariance, IPOP restarts (Hansen & Ostermeier 2001)", PARAMS);
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return CmaEsConfig.of(p.real("sigma0"), UNLIMITED)
        .withPopulationSize(p.integer("population")).withIpopRestarts(p.integer("restarts"));
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DfoConfig config) {
    super.checkModel(model, numParams, config);
    checkQuadraticMemory(numParams, 3, "use sep-cmaes (diagonal covariance) or a smaller model");
  }
}
