package dev.backproplab.core.method;

import dev.backproplab.core.dfo.GaConfig;
import dev.backproplab.core.dfo.OptimizerConfig;
import java.util.List;

/**
 * Method {@code ga}: a genetic algorithm with elitism, tournament or truncation selection, crossover
 * and Gaussian mutation, genomes as vectors or as seed lists ({@link GaConfig}; Such et al. 2017,
 * "Deep neuroevolution").
 */
public final class GeneticAlgorithmMethod extends DfoMethod {

  public GeneticAlgorithmMethod() {
    super("ga", "genetic algorithm, vector or seed-list genomes (Such et al. 2017)", List.of(
        ParamDef.integer("population", 50, 2, 1 << 20, "individuals per generation"),
        ParamDef.integer("elite", 1, 0, 1 << 20, "best individuals carried over unchanged"),
        ParamDef.realAbove("mutation_sigma", 0.02, 0.0, 1e6, "standard deviation of the Gaussian mutation"),
        ParamDef.realAbove("mutation_decay", 1.0, 0.0, 1.0, "factor on mutation_sigma per generation"),
        ParamDef.real("init_spread", 0.02, 0.0, 1e6,
            "standard deviation of the first population around the initial network"),
        ParamDef.choice("selection", GaConfig.Selection.TOURNAMENT, GaConfig.Selection.class, "parent selection"),
        ParamDef.choice("crossover", GaConfig.Crossover.UNIFORM, GaConfig.Crossover.class,
            "recombination (none with seed genomes)"),
        ParamDef.real("crossover_rate", 0.5, 0.0, 1.0, "probability that a child comes from crossover"),
        ParamDef.choice("encoding", GaConfig.Encoding.VECTORS, GaConfig.Encoding.class,
            "genomes as vectors or as seed lists (Such et al. 2017; seeds cross the network in bpl search)")));
  }

  @Override
  protected OptimizerConfig<?> optimizer(Params p) {
    return new GaConfig(p.integer("population"), p.integer("elite"),
        p.choice("selection", GaConfig.Selection.class), 3, 0.2,
        p.choice("crossover", GaConfig.Crossover.class), p.real("crossover_rate"),
        p.real("init_spread"), p.real("mutation_sigma"), p.real("mutation_decay"),
        p.choice("encoding", GaConfig.Encoding.class), 0, UNLIMITED);
  }
}
