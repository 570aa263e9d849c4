package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.Layer;
import java.util.Arrays;
import java.util.List;

/**
 * Where a network is cut into K modules: at layer boundaries, so that the modules' forward and
 * backward costs are as even as they can be (the largest module cost is the least over every way of
 * cutting), each module holding at least one layer with parameters. The pipeline runs at the pace of
 * its slowest module, so the largest cost is what to minimise.
 *
 * <p>A layer's cost is counted in multiply-adds per example: a dense layer's weights, a convolution's
 * weights times its output positions, three times (forward, weight gradient, error to its input; the
 * lowest layer with parameters sends no error); a layer without parameters its input size, twice.
 * With {@code delayed_weights: current} every module but the top one runs its forward pass twice
 * (once more on the stored input), which the cut accounts for.
 */
public final class Split {
  private Split() {}

  /**
   * The cut of {@code layers} given by {@code cuts}, each the number of layers with parameters below
   * it: a module ends just before the next layer with parameters, so the layers without (activation,
   * pooling, flattening) stay with the layer they follow; {@code cuts.size() + 2} boundaries from 0 to
   * {@code layers.size()}.
   *
   * @throws IllegalArgumentException when a cut leaves no layer with parameters above it
   */
  public static int[] at(List<Layer> layers, List<Integer> cuts) {
    int[] bounds = new int[cuts.size() + 2];
    bounds[bounds.length - 1] = layers.size();
    int below = 0;
    int next = 0;
    for (int l = 0; l < layers.size() && next < cuts.size(); l++) {
      if (layers.get(l).numParams() > 0) {
        if (below == cuts.get(next)) {
          bounds[++next] = l;
        }
        below++;
      }
    }
    if (next < cuts.size()) {
      throw new IllegalArgumentException("cut " + cuts.get(next) + " leaves no layer with parameters above it: the"
          + " network has " + below);
    }
    return bounds;
  }

  /** Multiply-adds per example of one layer's forward pass. */
  static long forwardCost(Layer layer) {
    if (layer.numParams() == 0) {
      return layer.inputSize();
    }
    return layer instanceof Conv2dLayer c
        ? layer.weights().length() * c.outputShape().height() * c.outputShape().width()
        : layer.numParams();
  }

  /** Per-layer costs as prefix sums over the layers: forward+backward, forward alone, layers with weights. */
  private static final class Costs {
    final long[] prefix;
    final long[] forward;
    final int[] trainable;

    Costs(List<Layer> layers) {
      int n = layers.size();
      prefix = new long[n + 1];
      forward = new long[n + 1];
      trainable = new int[n + 1];
      boolean below = false;
      for (int l = 0; l < n; l++) {
        Layer layer = layers.get(l);
        long f = forwardCost(layer);
        // forward and weight gradient (or, without weights, routing the error), and the error below if needed
        long backward = layer.numParams() == 0 ? f : f + (below ? f : 0);
        prefix[l + 1] = prefix[l] + f + backward;
        forward[l + 1] = forward[l] + f;
        trainable[l + 1] = trainable[l] + (layer.numParams() > 0 ? 1 : 0);
        below |= layer.numParams() > 0;
      }
    }

    /** Layers [from, to) as one module; {@code again}: its forward pass runs twice. */
    long module(int from, int to, boolean again) {
      return prefix[to] - prefix[from] + (again ? forward[to] - forward[from] : 0);
    }
  }

  /**
   * The most a cut at {@code bounds} can speed a step up over backprop on one core per module, by the
   * cost model above: backprop's forward+backward cost over the largest module's (with {@code
   * recompute}, every module but the top counts its forward pass twice). Hand-offs, waits and a
   * machine's other work only lower it.
   */
  public static double speedupBound(List<Layer> layers, int[] bounds, boolean recompute) {
    Costs c = new Costs(layers);
    int k = bounds.length - 1;
    long worst = 0;
    for (int m = 0; m < k; m++) {
      worst = Math.max(worst, c.module(bounds[m], bounds[m + 1], recompute && m < k - 1));
    }
    return (double) c.prefix[layers.size()] / worst;
  }

  /**
   * The balanced cut of {@code layers} (bound to a network: a convolution's weights must exist) into
   * {@code modules} modules: {@code modules + 1} boundaries from 0 to {@code layers.size()}.
   *
   * @param recompute whether every module but the top runs its forward pass again before its
   *     delayed backward pass
   * @throws IllegalArgumentException when fewer than {@code modules} layers have parameters
   */
  public static int[] balanced(List<Layer> layers, int modules, boolean recompute) {
    int n = layers.size();
    Costs c = new Costs(layers);
    int[] trainable = c.trainable;
    if (trainable[n] < modules) {
      throw new IllegalArgumentException("cannot split a network with " + trainable[n]
          + " layers with parameters into " + modules + " modules: each module needs one");
    }
    // best[j][i]: the least largest module cost of cutting layers [0, i) into j modules; cut[j][i] the last cut
    long[][] best = new long[modules + 1][n + 1];
    int[][] cut = new int[modules + 1][n + 1];
    for (long[] row : best) {
      Arrays.fill(row, Long.MAX_VALUE);
    }
    best[0][0] = 0;
    for (int j = 1; j <= modules; j++) {
      for (int i = 1; i <= n; i++) {
        for (int a = 0; a < i; a++) {
          if (best[j - 1][a] == Long.MAX_VALUE || trainable[i] - trainable[a] == 0) {
            continue;
          }
          long worst = Math.max(best[j - 1][a], c.module(a, i, recompute && j < modules));
          if (worst < best[j][i]) {
            best[j][i] = worst;
            cut[j][i] = a;
          }
        }
      }
    }
    int[] bounds = new int[modules + 1];
    bounds[modules] = n;
    for (int j = modules; j > 0; j--) {
      bounds[j - 1] = cut[j][bounds[j]];
    }
    return bounds;
  }
}
