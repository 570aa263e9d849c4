package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * A real-coded genetic algorithm (Holland, 1975, "Adaptation in Natural and Artificial Systems";
 * Goldberg, 1989) with tournament or truncation selection, uniform or one-point crossover, Gaussian
 * mutation and elitism; optionally with genomes stored as seed lists as in Such et al. (2017), "Deep
 * Neuroevolution: Genetic Algorithms Are a Competitive Alternative for Training Deep Neural Networks
 * for Reinforcement Learning" (mutation only, as there).
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param populationSize individuals per generation, at least 2
 * @param eliteCount best individuals carried over unchanged and evaluated again with the next
 *     generation (so a noisy loss cannot keep a lucky elite), in [0, populationSize)
 * @param selection how parents are chosen
 * @param tournamentSize individuals per tournament (TOURNAMENT), at least 1
 * @param truncationFraction fraction of the population eligible as parents (TRUNCATION), in (0, 1]
 * @param crossover how two parents are combined; must be NONE with SEEDS encoding
 * @param crossoverRate probability that a child comes from crossover, in [0, 1]
 * @param initialSpread standard deviation of the initial population around x0, >= 0
 * @param mutationSigma standard deviation of the Gaussian mutation, positive
 * @param mutationDecay factor on mutationSigma per generation (VECTORS) or per seed position
 *     (SEEDS: the i-th mutation seed has sigma * decay^(i-1)), in (0, 1]
 * @param encoding genomes as vectors or seed lists
 * @param stagnationGenerations stop with STAGNATION after this many generations without a better best
 *     loss; 0 for never
 * @param budget the shared stop criteria
 */
public record GaConfig(
    int populationSize,
    int eliteCount,
    Selection selection,
    int tournamentSize,
    double truncationFraction,
    Crossover crossover,
    double crossoverRate,
    double initialSpread,
    double mutationSigma,
    double mutationDecay,
    Encoding encoding,
    int stagnationGenerations,
    EvaluationBudget budget)
    implements OptimizerConfig<GeneticAlgorithm> {

  /** Parent selection. */
  public enum Selection {
    TOURNAMENT,
    TRUNCATION
  }

  /** Recombination of two parent vectors. */
  public enum Crossover {
    NONE,
    UNIFORM,
    ONE_POINT
  }

  /** Genome representation. */
  public enum Encoding {
    VECTORS,
    SEEDS
  }

  public GaConfig {
    checkConfig(populationSize >= 2, "ga populationSize must be >= 2, found %s", populationSize);
    checkConfig(
        eliteCount >= 0 && eliteCount < populationSize,
        "ga eliteCount must be in [0, populationSize=%s), found %s",
        populationSize,
        eliteCount);
    checkConfig(selection != null, "ga selection missing (TOURNAMENT or TRUNCATION)");
    checkConfig(tournamentSize >= 1, "ga tournamentSize must be >= 1, found %s", tournamentSize);
    checkConfig(
        truncationFraction > 0 && truncationFraction <= 1,
        "ga truncationFraction must be in (0, 1], found %s",
        truncationFraction);
    checkConfig(crossover != null, "ga crossover missing (NONE, UNIFORM or ONE_POINT)");
    checkConfig(
        crossoverRate >= 0 && crossoverRate <= 1,
        "ga crossoverRate must be in [0, 1], found %s",
        crossoverRate);
    checkConfig(
        initialSpread >= 0 && Double.isFinite(initialSpread),
        "ga initialSpread must be >= 0, found %s",
        initialSpread);
    checkConfig(
        mutationSigma > 0 && Double.isFinite(mutationSigma),
        "ga mutationSigma must be positive, found %s",
        mutationSigma);
    checkConfig(
        mutationDecay > 0 && mutationDecay <= 1,
        "ga mutationDecay must be in (0, 1], found %s",
        mutationDecay);
    checkConfig(encoding != null, "ga encoding missing (VECTORS or SEEDS)");
    checkConfig(
        encoding == Encoding.VECTORS || crossover == Crossover.NONE,
        "ga crossover must be NONE with SEEDS encoding (seed lists cannot be recombined), found %s",
        crossover);
    checkConfig(
        stagnationGenerations >= 0,
        "ga stagnationGenerations must be >= 0, found %s",
        stagnationGenerations);
    checkConfig(budget != null, "ga budget missing");
  }

  /** Vector genomes: one elite, tournaments of 3, uniform crossover at rate 0.5, no decay. */
  public static GaConfig vectors(
      int populationSize, double initialSpread, double mutationSigma, EvaluationBudget budget) {
    return new GaConfig(populationSize, 1, Selection.TOURNAMENT, 3, 0.2, Crossover.UNIFORM, 0.5,
        initialSpread, mutationSigma, 1.0, Encoding.VECTORS, 0, budget);
  }

  /** Seed-list genomes as in Such et al.: one elite, truncation to the top 20%, mutation only. */
  public static GaConfig seedLists(
      int populationSize, double initialSpread, double mutationSigma, EvaluationBudget budget) {
    return new GaConfig(populationSize, 1, Selection.TRUNCATION, 3, 0.2, Crossover.NONE, 0,
        initialSpread, mutationSigma, 1.0, Encoding.SEEDS, 0, budget);
  }

  public GaConfig withMutationDecay(double decay) {
    return new GaConfig(populationSize, eliteCount, selection, tournamentSize, truncationFraction,
        crossover, crossoverRate, initialSpread, mutationSigma, decay, encoding,
        stagnationGenerations, budget);
  }

  public GaConfig withSelection(Selection s, Crossover c) {
    return new GaConfig(populationSize, eliteCount, s, tournamentSize, truncationFraction, c,
        crossoverRate, initialSpread, mutationSigma, mutationDecay, encoding, stagnationGenerations,
        budget);
  }

  public GaConfig withStagnationGenerations(int generations) {
    return new GaConfig(populationSize, eliteCount, selection, tournamentSize, truncationFraction,
        crossover, crossoverRate, initialSpread, mutationSigma, mutationDecay, encoding, generations,
        budget);
  }

  /**
   * The vector of a seed genome for initial point {@code x0}: {@code x0 + initialSpread * eps(s_0) +
   * sum_{i>=1} mutationSigma * mutationDecay^(i-1) * eps(s_i)}, {@code eps} from {@link Noise}.
   * Deterministic; thread-safe.
   */
  public double[] decode(double[] x0, SeedGenome genome) {
    double[] x = x0.clone();
    Noise.addScaled(genome.seed(0), initialSpread, x);
    double s = mutationSigma;
    for (int i = 1; i < genome.length(); i++) {
      Noise.addScaled(genome.seed(i), s, x);
      s *= mutationDecay;
    }
    return x;
  }

  @Override
  public String name() {
    return "ga";
  }

  @Override
  public GeneticAlgorithm create(double[] x0, SplittableRandom random) {
    return new GeneticAlgorithm(Checks.checkInitialPoint(x0), random, this);
  }
}
