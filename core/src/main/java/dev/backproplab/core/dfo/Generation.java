package dev.backproplab.core.dfo;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The candidates of one generation, in the most compact form the optimizer allows: explicit vectors
 * (CMA-ES, Nelder-Mead, SA, GA with vector genomes), or a shared base vector plus per-candidate seeds
 * from which any evaluator regenerates a candidate bit for bit (ES: Salimans et al. 2017; GA with
 * seed-list genomes: Such et al. 2017). A distributed evaluator sends the base vector once (a
 * broadcast) and only seeds per task; see {@link #baseVector()}.
 *
 * <p>Immutable by convention (arrays are not copied); thread-safe to read.
 */
public sealed interface Generation extends Serializable {

  /** Number of candidates. */
  int size();

  /** Candidate {@code i} as a fresh vector. */
  double[] candidate(int i);

  /** The vector every candidate is regenerated from, or null when candidates are explicit. */
  double[] baseVector();

  /** This generation with its base vector replaced by {@code base} (the same values, elsewhere). */
  Generation withBase(double[] base);

  /**
   * Candidates {@code from .. to)} as a generation of their own (sharing the base vector); for
   * mirrored pairs both bounds must be even.
   */
  Generation slice(int from, int to);

  /** Candidates given as vectors: each one crosses the network in a distributed run. */
  record Vectors(double[][] vectors) implements Generation {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return vectors.length;
    }

    @Override
    public double[] candidate(int i) {
      return vectors[i].clone();
    }

    @Override
    public double[] baseVector() {
      return null;
    }

    @Override
    public Generation withBase(double[] base) {
      return this;
    }

    @Override
    public Generation slice(int from, int to) {
      return new Vectors(Arrays.copyOfRange(vectors, from, to));
    }
  }

  /**
   * Mirrored ES candidates: {@code 2i} is {@code mean + sigma eps(seeds[i])}, {@code 2i + 1} is
   * {@code mean - sigma eps(seeds[i])} (see {@link EvolutionStrategy#candidate}).
   */
  record Mirrored(double[] mean, double sigma, long[] seeds) implements Generation {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return 2 * seeds.length;
    }

    @Override
    public double[] candidate(int i) {
      return EvolutionStrategy.candidate(mean, sigma, seeds[i / 2], i % 2 == 1);
    }

    @Override
    public double[] baseVector() {
      return mean;
    }

    @Override
    public Generation withBase(double[] base) {
      return new Mirrored(base, sigma, seeds);
    }

    @Override
    public Generation slice(int from, int to) {
      if (from % 2 != 0 || to % 2 != 0) {
        throw new IllegalArgumentException("mirrored pairs are sliced at even bounds, got " + from + ".." + to);
      }
      return new Mirrored(mean, sigma, Arrays.copyOfRange(seeds, from / 2, to / 2));
    }
  }

  /**
   * Seed-list genomes decoded from the run's initial point {@code x0} as {@link GaConfig#decode}
   * does, with the GA's initial spread, mutation sigma and decay.
   */
  record Genomes(double[] x0, long[][] genomes, double initialSpread, double mutationSigma,
      double mutationDecay) implements Generation {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return genomes.length;
    }

    @Override
    public double[] candidate(int i) {
      GaConfig decoder = GaConfig.seedLists(2, initialSpread, mutationSigma, EvaluationBudget.of(1))
          .withMutationDecay(mutationDecay);
      return decoder.decode(x0, SeedGenome.of(genomes[i]));
    }

    @Override
    public double[] baseVector() {
      return x0;
    }

    @Override
    public Generation withBase(double[] base) {
      return new Genomes(base, genomes, initialSpread, mutationSigma, mutationDecay);
    }

    @Override
    public Generation slice(int from, int to) {
      return new Genomes(x0, Arrays.copyOfRange(genomes, from, to), initialSpread, mutationSigma,
          mutationDecay);
    }
  }
}
