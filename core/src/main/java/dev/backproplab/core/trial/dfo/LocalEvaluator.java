package dev.backproplab.core.trial.dfo;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.PopulationScorer;

/**
 * Evaluates candidates in this thread with a {@link PopulationScorer}, at most {@link #CHUNK}
 * candidates per stacked pass (bounding the stacked weight copies for large populations, e.g. a
 * Nelder-Mead initial simplex). A candidate's loss does not depend on which other candidates share its
 * pass (each one's block of the stacked products sums over the same inputs in the same order), which is
 * what lets a distributed run, whose tasks evaluate slices, reproduce the in-process run bit for bit:
 * observed with OpenBLAS on CPU and checked by the jobs module's {@code SearchJobTest}, not promised by
 * BLAS.
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

  /** The losses of candidates {@code from .. to) of {@code generation}. */
  public double[] losses(Generation generation, int from, int to, int[] rows) {
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
}
