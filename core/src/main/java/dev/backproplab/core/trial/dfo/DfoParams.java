package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.dfo.CmaEsConfig;
import dev.backproplab.core.dfo.EsConfig;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.GaConfig;
import dev.backproplab.core.dfo.NelderMeadConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.dfo.SaConfig;
import dev.backproplab.core.dfo.SepCmaEsConfig;
import dev.backproplab.core.trial.ParamDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep-file hyperparameters of each derivative-free method, and the optimizer config they
 * resolve to. Every method also takes {@code batch_size} (examples in the fitness minibatch, shared
 * by all candidates of a generation) and {@code dtype}. The optimizers' own evaluation budget is
 * unlimited: the trial's budget (epochs, samples, seconds) decides when to stop.
 */
public final class DfoParams {
  /** The derivative-free method names. */
  public static final List<String> METHODS =
      List.of("cmaes", "sep-cmaes", "ga", "nelder-mead", "sa", "es");

  private static final EvaluationBudget UNLIMITED = EvaluationBudget.of(Long.MAX_VALUE);

  private static final List<ParamDef> COMMON = List.of(
      ParamDef.integer("batch_size", 100, 1, 1 << 20, "examples in the fitness minibatch of a generation"),
      ParamDef.choice("dtype", "float32", List.of("float32", "float64"),
          "floating-point precision of the network evaluations"));

  private static final List<ParamDef> CMA = List.of(
      ParamDef.realAbove("sigma0", 0.05, 0.0, 1e6, "initial step size"),
      ParamDef.integer("population", 0, 0, 1 << 20,
          "candidates per generation; 0 for the default 4 + floor(3 ln n)"),
      ParamDef.integer("restarts", 0, 0, 100, "restarts after an internal stop (IPOP: population doubling)"),
      ParamDef.choice("restart_strategy", "ipop", List.of("ipop", "bipop"),
          "IPOP (Auger and Hansen 2005) or BIPOP (Hansen 2009) restarts"));

  private static final List<ParamDef> SEP_CMA = List.of(
      ParamDef.choice("learning_rates", "ros-hansen", List.of("ros-hansen", "pycma"),
          "diagonal learning rates: Ros and Hansen's (full-covariance rates x (n + 2) / 3) or pycma's"));

  private static final List<ParamDef> GA = List.of(
      ParamDef.integer("population", 50, 2, 1 << 20, "individuals per generation"),
      ParamDef.integer("elite", 1, 0, 1 << 20, "best individuals carried over unchanged"),
      ParamDef.realAbove("mutation_sigma", 0.02, 0.0, 1e6, "standard deviation of the Gaussian mutation"),
      ParamDef.realAbove("mutation_decay", 1.0, 0.0, 1.0, "factor on mutation_sigma per generation"),
      ParamDef.real("init_spread", 0.02, 0.0, 1e6, "standard deviation of the first population around the initial network"),
      ParamDef.choice("selection", "tournament", List.of("tournament", "truncation"), "parent selection"),
      ParamDef.choice("crossover", "uniform", List.of("uniform", "one_point", "none"),
          "recombination (none with seed genomes)"),
      ParamDef.real("crossover_rate", 0.5, 0.0, 1.0, "probability that a child comes from crossover"),
      ParamDef.choice("encoding", "vectors", List.of("vectors", "seeds"),
          "genomes as vectors or as seed lists (Such et al. 2017; seeds cross the network in bpl search)"));

  private static final List<ParamDef> NM = List.of(
      ParamDef.realAbove("initial_step", 0.05, 0.0, 1e6, "edge of the initial simplex"),
      ParamDef.choice("coefficients", "adaptive", List.of("adaptive", "standard"),
          "adaptive (Gao and Han 2012) or standard Nelder-Mead coefficients"),
      ParamDef.choice("reevaluate", "true", List.of("true", "false"),
          "evaluate every vertex again on the current minibatch after each step (n + 1 evaluations)"));

  private static final List<ParamDef> SA = List.of(
      ParamDef.realAbove("temperature", 0.05, 0.0, 1e6, "initial temperature"),
      ParamDef.realAbove("cooling", 0.995, 0.0, 1.0, "temperature factor per step"),
      ParamDef.realAbove("step", 0.01, 0.0, 1e6, "standard deviation of the proposals"),
      ParamDef.realAbove("step_cooling", 1.0, 0.0, 1.0, "proposal scale factor per step"),
      ParamDef.integer("proposals", 8, 1, 1 << 16, "proposals per step; the best is the Metropolis candidate"),
      ParamDef.choice("reevaluate", "true", List.of("true", "false"),
          "evaluate the current state again on each step's minibatch (common random numbers)"));

  private static final List<ParamDef> ES = List.of(
      ParamDef.integer("population", 50, 2, 1 << 20, "candidates per generation (even: mirrored pairs)"),
      ParamDef.realAbove("sigma", 0.02, 0.0, 1e6, "noise standard deviation"),
      ParamDef.realAbove("lr", 0.01, 0.0, 1e6, "Adam step size on the estimated gradient"),
      ParamDef.real("weight_decay", 0.0, 0.0, 1e6, "L2 coefficient added to the gradient"));

  private DfoParams() {}

  /** The hyperparameters of derivative-free {@code method}. */
  public static List<ParamDef> params(String method) {
    List<ParamDef> own = switch (method) {
      case "cmaes" -> CMA;
      case "sep-cmaes" -> concat(CMA, SEP_CMA);
      case "ga" -> GA;
      case "nelder-mead" -> NM;
      case "sa" -> SA;
      case "es" -> ES;
      default -> throw new IllegalArgumentException("not a derivative-free method: " + method);
    };
    List<ParamDef> all = new ArrayList<>(own);
    all.addAll(COMMON);
    return List.copyOf(all);
  }

  /**
   * The optimizer config of {@code method} from resolved hyperparameters {@code p}.
   *
   * @throws dev.backproplab.core.InvalidInputException when the values are valid one by one but not
   *     together (e.g. an odd ES population, crossover with seed genomes)
   */
  public static OptimizerConfig<?> config(String method, Map<String, String> p) {
    return switch (method) {
      case "cmaes" -> {
        CmaEsConfig c = CmaEsConfig.of(real(p, "sigma0"), UNLIMITED).withPopulationSize(integer(p, "population"));
        yield bipop(p) ? c.withBipopRestarts(integer(p, "restarts")) : c.withIpopRestarts(integer(p, "restarts"));
      }
      case "sep-cmaes" -> new SepCmaEsConfig(real(p, "sigma0"), integer(p, "population"),
          integer(p, "restarts"), bipop(p),
          SepCmaEsConfig.LearningRates.valueOf(upper(p, "learning_rates").replace('-', '_')),
          CmaEsConfig.Tolerances.DEFAULT, UNLIMITED);
      case "ga" -> new GaConfig(integer(p, "population"), integer(p, "elite"),
          GaConfig.Selection.valueOf(upper(p, "selection")), 3, 0.2,
          GaConfig.Crossover.valueOf(upper(p, "crossover")), real(p, "crossover_rate"),
          real(p, "init_spread"), real(p, "mutation_sigma"), real(p, "mutation_decay"),
          GaConfig.Encoding.valueOf(upper(p, "encoding")), 0, UNLIMITED);
      case "nelder-mead" -> new NelderMeadConfig(real(p, "initial_step"),
          NelderMeadConfig.Coefficients.valueOf(upper(p, "coefficients")), 0, 0,
          Boolean.parseBoolean(p.get("reevaluate")), UNLIMITED);
      case "sa" -> new SaConfig(real(p, "temperature"), real(p, "cooling"), real(p, "step"),
          real(p, "step_cooling"), integer(p, "proposals"), 0,
          Boolean.parseBoolean(p.get("reevaluate")), UNLIMITED);
      case "es" -> new EsConfig(integer(p, "population"), real(p, "sigma"), real(p, "lr"), 0.9,
          0.999, 1e-8, real(p, "weight_decay"), UNLIMITED);
      default -> throw new IllegalArgumentException("not a derivative-free method: " + method);
    };
  }

  private static boolean bipop(Map<String, String> p) {
    return "bipop".equals(p.get("restart_strategy"));
  }

  private static List<ParamDef> concat(List<ParamDef> a, List<ParamDef> b) {
    List<ParamDef> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static double real(Map<String, String> p, String key) {
    return Double.parseDouble(p.get(key));
  }

  private static int integer(Map<String, String> p, String key) {
    return Integer.parseInt(p.get(key));
  }

  private static String upper(Map<String, String> p, String key) {
    return p.get(key).toUpperCase(Locale.ROOT);
  }
}
