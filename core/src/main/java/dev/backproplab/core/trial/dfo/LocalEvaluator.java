package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.dfo.Noise;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.PopulationScorer;

/**
 * Evaluates candidates in this thread with a {@link PopulationScorer}, at most {@link #CHUNK}
 * candidates per stacked pass (bounding the stacked weight copies for large populations, e.g. a
 * Nelder-Mead initial simplex); an evolution strategy's mirrored pairs go through {@link
 * PopulationScorer#mirroredLosses}, which shares each pair's first-layer products. Each candidate's
 * block of the stacked products sums over the same inputs in the same order, so its loss does not
 * depend on which other candidates share its pass, which is what lets a distributed run, whose tasks
 * evaluate slices, reproduce the in-process run bit for bit. That holds for double networks; for float
 * networks OpenBLAS's single-precision products can round a row differently with the stacked matrix's
 * height (a relative difference of about 1e-8 in a loss, measured on 784-256-10), so a search whose
 * ranks hinge on such a difference can part from the in-process run. The jobs module's {@code
 * SearchJobTest} checks bit-equality on a small float network where it holds.
 *
 * <p>Not thread-safe: it uses its network's arrays.
 */
public final class LocalEvaluator implements PopulationEvaluator {
  /** Most candidates per stacked pass. */
  public static final int CHUNK = 64;

  private final PopulationScorer scorer;
  private final Examples train;

  /** Evaluates on {@code train} with {@code network}'s architecture (its own parameters are unused). */
  public LocalEvaluator(Network network, Examples train) {
    this.scorer = new PopulationScorer(network);
    this.train = train;
  }

  @Override
  public double[] losses(Generation generation, int[] rows) {
    return losses(generation, 0, generation.size(), rows);
  }

  /**
   * The losses of candidates {@code from .. to)} of {@code generation}. Mirrored pairs ({@link
   * Generation.Mirrored}) are scored through {@link PopulationScorer#mirroredLosses}, each pair's noise
   * drawn once; both bounds must then be even.
   */
  public double[] losses(Generation generation, int from, int to, int[] rows) {
    if (generation instanceof Generation.Mirrored pairs) {
      return mirroredLosses((Generation.Mirrored) pairs.slice(from, to), rows);
    }
    double[] out = new double[to - from];
    for (int start = from; start < to; start += CHUNK) {
      int end = Math.min(to, start + CHUNK);
      double[][] chunk = new double[end - start][];
      for (int i = start; i < end; i++) {
        chunk[i - start] = generation.candidate(i);
      }
      double[] f = scorer.losses(chunk, train, rows, 0, rows.length);
      System.arraycopy(f, 0, out, start - from, f.length);
    }
    return out;
  }

  private double[] mirroredLosses(Generation.Mirrored g, int[] rows) {
    long[] seeds = g.seeds();
    double[] out = new double[2 * seeds.length];
    for (int start = 0; start < seeds.length; start += CHUNK / 2) {
      int end = Math.min(seeds.length, start + CHUNK / 2);
      double[][] noise = new double[end - start][];
      for (int i = start; i < end; i++) {
        noise[i - start] = new double[g.mean().length];
        Noise.fill(seeds[i], noise[i - start]);
      }
      double[] f = scorer.mirroredLosses(g.mean(), g.sigma(), noise, train, rows, 0, rows.length);
      System.arraycopy(f, 0, out, 2 * start, f.length);
    }
    return out;
  }
}
