package dev.backproplab.core.dfo;

import java.util.Arrays;

/**
 * A genome stored as the list of seeds that produced it, as in Such et al. (2017), "Deep
 * Neuroevolution: Genetic Algorithms Are a Competitive Alternative for Training Deep Neural Networks
 * for Reinforcement Learning": {@code theta = init(seed_0) + sum_{i>=1} sigma_i * eps(seed_i)}. A genome
 * crosses the network as a few longs; {@link GaConfig#decode(double[], SeedGenome)} regenerates the
 * vector deterministically.
 *
 * <p>Immutable; thread-safe.
 */
public final class SeedGenome {
  private final long[] seeds;

  private SeedGenome(long[] seeds) {
    this.seeds = seeds;
  }

  /** A genome of the given seeds (copied); at least one (the initialisation seed). */
  public static SeedGenome of(long... seeds) {
    Checks.checkArgument(seeds != null && seeds.length > 0, "a seed genome needs at least one seed");
    return new SeedGenome(seeds.clone());
  }

  /** This genome with one more mutation seed. */
  public SeedGenome append(long seed) {
    long[] s = Arrays.copyOf(seeds, seeds.length + 1);
    s[seeds.length] = seed;
    return new SeedGenome(s);
  }

  /** The seeds, initialisation seed first (a copy). */
  public long[] seeds() {
    return seeds.clone();
  }

  /** The number of seeds. */
  public int length() {
    return seeds.length;
  }

  long seed(int i) {
    return seeds[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeedGenome g && Arrays.equals(seeds, g.seeds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(seeds);
  }

  @Override
  public String toString() {
    return "SeedGenome" + Arrays.toString(seeds);
  }
}
