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
      ParamDef.integer("restarts", 0, 0, 100, "restarts after an internal stop (IPOP: population doubling)"),
      ParamDef.choice("restart_strategy", "ipop", List.of("ipop", "bipop"),
          "IPOP (Auger and Hansen 2005) or BIPOP (Hansen 2009) restarts").addedLater());

  public CmaEsMethod() {
    super("cmaes", "CMA-ES, full covariance, IPOP or BIPOP restarts (Hansen & Ostermeier 2001)", PARAMS);
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    CmaEsConfig c = CmaEsConfig.of(p.real("sigma0"), UNLIMITED).withPopulationSize(p.integer("population"));
    return bipop(p) ? c.withBipopRestarts(p.integer("restarts")) : c.withIpopRestarts(p.integer("restarts"));
  }

  /** Whether resolved parameters {@code p} ask for BIPOP restarts. */
  static boolean bipop(Params p) {
    return p.choice("restart_strategy", Strategy.class) == Strategy.BIPOP;
  }

  /** The names of {@code restart_strategy}. */
  enum Strategy {
    IPOP,
    BIPOP
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DfoConfig config) {
    super.checkModel(model, numParams, config);
    checkQuadraticMemory(numParams, 3, "use sep-cmaes (diagonal covariance) or a smaller model");
  }
}
