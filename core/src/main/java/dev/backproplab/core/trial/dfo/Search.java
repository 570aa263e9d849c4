package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.dfo.AskTellOptimizer;
import dev.backproplab.core.dfo.CmaEs;
import dev.backproplab.core.dfo.EvolutionStrategy;
import dev.backproplab.core.dfo.GaConfig;
import dev.backproplab.core.dfo.GeneticAlgorithm;
import dev.backproplab.core.dfo.NelderMead;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.dfo.SeedGenome;
import dev.backproplab.core.dfo.SimulatedAnnealing;
import dev.backproplab.core.dfo.StopReason;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An optimizer seen as a sequence of {@link Generation}s: ask gives the generation in its most compact
 * form (seeds for ES and seed-genome GA, through their seed-only ask/tell paths, which give the same
 * run as plain ask/tell), tell takes its losses. Also says which vector stands for the search's
 * current solution: the distribution mean for ES and for CMA-ES (of the best run across restarts), the current state for SA, the best of
 * the current population for GA (elites re-scored every generation) and the best vertex for
 * Nelder-Mead (by its latest loss; re-scored each step with {@code reevaluate}). Not the best
 * candidate ever told: with minibatch losses that is the luckiest minibatch. Not thread-safe.
 */
final class Search {
  private final AskTellOptimizer optimizer;
  private final OptimizerConfig<?> config;
  private final double[] x0;
  private Generation asked;

  Search(OptimizerConfig<?> config, double[] x0, SplittableRandom random) {
    this.config = config;
    this.x0 = x0.clone();
    this.optimizer = config.create(x0, random);
  }

  Generation ask() {
    if (optimizer instanceof EvolutionStrategy es) {
      double[] mean = es.mean();
      long[] seeds = es.askSeeds();
      asked = new Generation.Mirrored(mean, es.stepSize(), seeds);
    } else if (optimizer instanceof GeneticAlgorithm ga && config instanceof GaConfig g
        && g.encoding() == GaConfig.Encoding.SEEDS) {
      List<SeedGenome> genomes = ga.askGenomes();
      long[][] seeds = new long[genomes.size()][];
      for (int i = 0; i < seeds.length; i++) {
        seeds[i] = genomes.get(i).seeds();
      }
      asked = new Generation.Genomes(x0, seeds, g.initialSpread(), g.mutationSigma(), g.mutationDecay());
    } else {
      asked = new Generation.Vectors(optimizer.ask());
    }
    return asked;
  }

  void tell(double[] losses) {
    if (asked instanceof Generation.Mirrored) {
      ((EvolutionStrategy) optimizer).tellLosses(losses);
    } else if (asked instanceof Generation.Genomes) {
      ((GeneticAlgorithm) optimizer).tellLosses(losses);
    } else {
      optimizer.tell(((Generation.Vectors) asked).vectors(), losses);
    }
    asked = null;
  }

  /** The vector that stands for the search's current solution (see the class comment). */
  double[] point() {
    if (optimizer instanceof CmaEs cma) {
      return cma.point();
    }
    if (optimizer instanceof EvolutionStrategy es) {
      return es.mean();
    }
    if (optimizer instanceof SimulatedAnnealing sa && optimizer.evaluations() > 0) {
      return sa.current();
    }
    if (optimizer instanceof GeneticAlgorithm ga && optimizer.evaluations() > 0) {
      return ga.currentBest();
    }
    if (optimizer instanceof NelderMead nm && optimizer.evaluations() > 0) {
      return nm.bestVertex();
    }
    return optimizer.best();
  }

  Set<StopReason> stop() {
    return optimizer.stop();
  }

  double bestLoss() {
    return optimizer.bestLoss();
  }

  double stepSize() {
    return optimizer.stepSize();
  }

  int dimension() {
    return optimizer.dimension();
  }
}
