package dev.backproplab.core.dfo;

import java.util.List;

/** Test helper: the optimizer keys of the CSV files and their configurations. */
final class Optimizers {
  private Optimizers() {}

  static final List<String> KEYS =
      List.of("cmaes", "cmaes-passive", "ipop-cmaes", "sep-cmaes", "nelder-mead",
          "nelder-mead-standard", "sa", "es", "ga", "ga-seeds");

  /**
   * The configuration of {@code key}, with {@code step} as its scale: sigma0 (CMA-ES), the initial
   * simplex step (Nelder-Mead), the initial proposal scale (SA), the noise sigma (ES), the initial
   * spread (GA).
   */
  static OptimizerConfig<?> config(String key, double step, EvaluationBudget budget) {
    return switch (key) {
      case "cmaes" -> CmaEsConfig.of(step, budget);
      case "cmaes-passive" -> CmaEsConfig.of(step, budget).withActive(false);
      case "ipop-cmaes" -> CmaEsConfig.of(step, budget).withIpopRestarts(9);
      case "sep-cmaes" -> SepCmaEsConfig.of(step, budget);
      case "nelder-mead" -> NelderMeadConfig.of(step, budget);
      case "nelder-mead-standard" -> new NelderMeadConfig(
          step, NelderMeadConfig.Coefficients.STANDARD, 1e-12, 1e-12, false, budget);
      case "sa" -> new SaConfig(1.0, 0.99, step, 0.995, 4, 0, budget);
      case "es" -> EsConfig.of(20, step, 0.05, budget);
      case "ga" -> GaConfig.vectors(40, step, step / 4, budget).withMutationDecay(0.98);
      case "ga-seeds" -> GaConfig.seedLists(40, step, step / 4, budget).withMutationDecay(0.98);
      default -> throw new IllegalArgumentException("unknown optimizer key in test CSV: " + key);
    };
  }
}
