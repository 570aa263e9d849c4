package dev.backproplab.core.dfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generational genetic algorithm with elitism (see {@link GaConfig} for the papers). The first ask
 * gives the initial population ({@code populationSize} individuals); every later ask gives the {@code
 * eliteCount} elites of the last generation again, followed by the {@code populationSize - eliteCount}
 * children of the next: elites are re-scored with the children, so with a noisy fitness (a new
 * minibatch each generation) an elite survives on its loss on the current minibatch, not on the
 * luckiest minibatch it ever met, and the reported best is a current loss.
 * With VECTORS encoding the told candidate values become the genomes; with SEEDS encoding the genomes
 * are the seed lists of {@link #askedGenomes()} (told values are only checked for shape) and the
 * optimizer keeps no vectors, only seeds; {@link #askGenomes()} / {@link #tellLosses(double[])} let a
 * driver hand out genomes without decoding them.
 *
 * <p>{@link #stepSize()} is the current mutation sigma. Call order as in {@link AskTellOptimizer}; not
 * thread-safe.
 */
public final class GeneticAlgorithm extends AbstractAskTell {
  private static final class Individual {
    double[] x;
    SeedGenome genome;
    double loss;

    Individual(double[] x, SeedGenome genome) {
      this.x = x;
      this.genome = genome;
    }
  }

  private final double[] x0;
  private final SplittableRandom random;
  private final GaConfig config;
  private final boolean seeds;
  private List<Individual> population = new ArrayList<>();
  private List<Individual> pending = List.of();
  private double sigma;
  private double bestSeen = Double.POSITIVE_INFINITY;
  private int sinceImprovement;

  GeneticAlgorithm(double[] x0, SplittableRandom random, GaConfig config) {
    super(x0, config.budget());
    Checks.checkArgument(random != null, "random is null");
    this.x0 = x0.clone();
    this.random = random;
    this.config = config;
    this.seeds = config.encoding() == GaConfig.Encoding.SEEDS;
    this.sigma = config.mutationSigma();
  }

  @Override
  protected double[][] generate() {
    breed();
    double[][] c = new double[pending.size()][];
    for (int k = 0; k < c.length; k++) {
      Individual ind = pending.get(k);
      c[k] = seeds ? config.decode(x0, ind.genome) : ind.x.clone();
    }
    return c;
  }

  /**
   * Starts a generation without decoding its candidates (SEEDS encoding only): returns the genomes,
   * which an evaluator turns into vectors with {@link GaConfig#decode(double[], SeedGenome)}. Counts
   * as {@link #ask()}; answer with {@link #tellLosses(double[])}. Gives the same run as ask/tell.
   */
  public List<SeedGenome> askGenomes() {
    Checks.checkState(seeds, "askGenomes() needs SEEDS encoding");
    checkCanAsk();
    breed();
    markAsked(pending.size());
    return askedGenomes();
  }

  /** With SEEDS encoding, the genomes as a {@link Generation.Genomes}; else the asked vectors. */
  @Override
  public Generation askGeneration() {
    if (!seeds) {
      return super.askGeneration();
    }
    List<SeedGenome> genomes = askGenomes();
    long[][] lists = new long[genomes.size()][];
    for (int i = 0; i < lists.length; i++) {
      lists[i] = genomes.get(i).seeds();
    }
    return new Generation.Genomes(x0, lists, config.initialSpread(), config.mutationSigma(),
        config.mutationDecay());
  }

  @Override
  public void tellGeneration(Generation generation, double[] losses) {
    if (generation instanceof Generation.Genomes) {
      tellLosses(losses);
    } else {
      super.tellGeneration(generation, losses);
    }
  }

  /** Tells the losses of the genomes of the last ask, in order (SEEDS encoding only). */
  public void tellLosses(double[] losses) {
    Checks.checkState(seeds, "tellLosses() needs SEEDS encoding");
    tellLossesOnly(losses, k -> config.decode(x0, pending.get(k).genome));
  }

  private void breed() {
    List<Individual> children = new ArrayList<>();
    if (population.isEmpty()) {
      for (int k = 0; k < config.populationSize(); k++) {
        if (seeds) {
          children.add(new Individual(null, SeedGenome.of(random.nextLong())));
        } else {
          double[] x = new double[n];
          Noise.fill(random, x);
          for (int i = 0; i < n; i++) {
            x[i] = x0[i] + config.initialSpread() * x[i];
          }
          children.add(new Individual(x, null));
        }
      }
    } else {
      for (Individual elite : population.subList(0, Math.min(config.eliteCount(), population.size()))) {
        children.add(new Individual(elite.x, elite.genome));
      }
      for (int k = config.eliteCount(); k < config.populationSize(); k++) {
        children.add(child());
      }
    }
    pending = children;
  }

  private Individual child() {
    Individual a = select();
    if (seeds) {
      return new Individual(null, a.genome.append(random.nextLong()));
    }
    double[] x = a.x.clone();
    if (config.crossover() != GaConfig.Crossover.NONE
        && random.nextDouble() < config.crossoverRate()) {
      double[] b = select().x;
      if (config.crossover() == GaConfig.Crossover.UNIFORM) {
        for (int i = 0; i < n; i++) {
          if (random.nextBoolean()) {
            x[i] = b[i];
          }
        }
      } else if (n > 1) {
        int cut = 1 + random.nextInt(n - 1);
        System.arraycopy(b, cut, x, cut, n - cut);
      }
    }
    for (int i = 0; i < n; i++) {
      x[i] += sigma * Noise.gaussian(random);
    }
    return new Individual(x, null);
  }

  /** A parent; the population is sorted best first. */
  private Individual select() {
    int size = population.size();
    if (config.selection() == GaConfig.Selection.TRUNCATION) {
      int top = Math.max(1, (int) Math.ceil(config.truncationFraction() * size));
      return population.get(random.nextInt(top));
    }
    int best = size;
    for (int t = 0; t < config.tournamentSize(); t++) {
      best = Math.min(best, random.nextInt(size));
    }
    return population.get(best);
  }

  @Override
  protected void update(double[][] candidates, double[] losses) {
    List<Individual> next = new ArrayList<>();
    for (int k = 0; k < pending.size(); k++) {
      Individual ind = pending.get(k);
      ind.loss = losses[k];
      ind.x = seeds || candidates == null ? null : candidates[k].clone();
      next.add(ind);
    }
    pending = List.of();
    next.sort(Comparator.comparingDouble(i -> i.loss));
    population = next;
    if (!seeds) {
      sigma *= config.mutationDecay();
    }
    if (population.get(0).loss < bestSeen) {
      bestSeen = population.get(0).loss;
      sinceImprovement = 0;
    } else {
      sinceImprovement++;
    }
  }

  @Override
  protected void internalStop(Set<StopReason> reasons) {
    int limit = config.stagnationGenerations();
    if (limit > 0 && sinceImprovement >= limit) {
      reasons.add(StopReason.STAGNATION);
    }
  }

  /** The current mutation sigma (VECTORS); the base mutation sigma (SEEDS). */
  @Override
  public double stepSize() {
    return sigma;
  }

  /**
   * The seed genomes of the last ask, in candidate order (SEEDS encoding only), so that an evaluator
   * can regenerate each candidate with {@link GaConfig#decode(double[], SeedGenome)}.
   */
  public List<SeedGenome> askedGenomes() {
    Checks.checkState(seeds, "askedGenomes() needs SEEDS encoding");
    return pending.stream().map(i -> i.genome).toList();
  }

  /** The best of the current population once anything was told (elites re-scored every generation). */
  @Override
  public double[] solution() {
    return evaluations() > 0 ? currentBest() : best();
  }

  /**
   * The best individual of the current population by its loss in the last generation (elites are
   * re-scored each generation), decoded: the search's current solution.
   */
  public double[] currentBest() {
    Checks.checkState(!population.isEmpty(), "currentBest() before the first tell()");
    Individual b = population.get(0);
    return seeds ? config.decode(x0, b.genome) : b.x.clone();
  }

  /** The genome of the best individual of the current population (SEEDS encoding only). */
  public SeedGenome bestGenome() {
    Checks.checkState(seeds, "bestGenome() needs SEEDS encoding");
    Checks.checkState(!population.isEmpty(), "bestGenome() before the first tell()");
    return population.get(0).genome;
  }
}
