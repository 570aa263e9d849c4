package dev.backproplab.core.nn;

import dev.backproplab.core.data.Examples;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores populations of parameter vectors for one network's architecture: the batch-mean loss of each
 * candidate on a minibatch, all candidates at once with stacked products ({@link PopulationForward}).
 * This is how population-based optimizers evaluate a generation. Neither the network's parameters nor
 * its gradients are read or changed; its input buffers are used to load the minibatch.
 *
 * <p>Keeps the stacked arrays of each (population, batch) shape it meets. Not thread-safe: it belongs
 * to its network's thread.
 */
public final class PopulationScorer {
  private final Network network;
  private final Map<Long, PopulationForward> forwards = new HashMap<>();

  /** A scorer for {@code network}'s architecture (an MLP: stacked evaluation is written for dense layers). */
  public PopulationScorer(Network network) {
    this.network = network;
  }

  /**
   * The batch-mean loss of each of {@code candidates} (parameter vectors laid out as {@link
   * Network#params()}) on examples {@code order[from .. from + size)} of {@code data} ({@code order}
   * null for {@code from .. from + size)}).
   */
  public double[] losses(double[][] candidates, Examples data, int[] order, int from, int size) {
    Batch b = network.batch(size);
    b.load(data, order, from);
    return forward(candidates.length, size).losses(candidates, b.activations[0], b.labels);
  }

  /**
   * The batch-mean loss of the mirrored pairs {@code mean +- sigma * noise[i]} (candidates {@code 2i}
   * and {@code 2i + 1}, as an evolution strategy lays out a generation) on the same examples as {@link
   * #losses}, sharing each pair's first-layer products ({@link PopulationForward#mirroredLosses}: the
   * first layer costs half as much, and the losses differ from those of the candidates written out by
   * rounding only).
   */
  public double[] mirroredLosses(double[] mean, double sigma, double[][] noise, Examples data, int[] order,
      int from, int size) {
    Batch b = network.batch(size);
    b.load(data, order, from);
    return forward(2 * noise.length, size).mirroredLosses(mean, sigma, noise, b.activations[0], b.labels);
  }

  private PopulationForward forward(int population, int size) {
    long key = ((long) population << 32) | size;
    return forwards.computeIfAbsent(key, k -> new PopulationForward(network, population, size));
  }
}
