package dev.backproplab.core.credit;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostics of a credit-assignment rule on one training step, as in Lillicrap et al. 2016
 * ("Random synaptic feedback weights support error backpropagation for deep learning", Fig. 2) and
 * Nokland 2016: per hidden layer with weights, the angle in degrees between the error the rule
 * delivers to its pre-activations and the one exact backprop delivers on the same batch and weights;
 * per layer with parameters, the norm of the step's update.
 *
 * <p>Call order on a measured step: {@link #recordBackprop} (an exact backward pass on the batch, kept
 * aside), the rule's own {@code trainStep} on the same batch, {@link #angles}, {@link
 * #snapshotParams}, the parameter update, {@link #updateNorms}. Costs one extra forward and backward
 * pass per measured step and nothing on other steps. Not thread-safe.
 */
public final class AlignmentProbe {
  private final Network network;
  private final Backprop exact = new Backprop();
  private final int[] hidden;
  private final List<Integer> trainable = new ArrayList<>();
  private final double[][] exactDeltas;
  private final double[] before;
  private final DataView params;

  /** A probe for {@code network}. */
  public AlignmentProbe(Network network) {
    this.network = network;
    List<Integer> h = new ArrayList<>();
    for (int l = 0; l < network.depth(); l++) {
      if (network.layer(l).numParams() > 0) {
        trainable.add(l);
        if (l < network.depth() - 1 && network.layer(l).hasWeights()) {
          h.add(l);
        }
      }
    }
    hidden = h.stream().mapToInt(Integer::intValue).toArray();
    exactDeltas = new double[hidden.length][];
    params = DataView.of(network.params());
    before = new double[params.length()];
  }

  /** Runs exact backprop on the batch and keeps its hidden errors; returns the loss. */
  public double recordBackprop(Examples data, int[] order, int from, int size) {
    TrainingStep step = network.trainStep(data, order, from, size, exact);
    for (int k = 0; k < hidden.length; k++) {
      exactDeltas[k] = DataView.of(step.delta(hidden[k])).toArray();
    }
    return step.loss();
  }

  /** Per hidden layer with weights, degrees between the rule's error on {@code step} and backprop's. */
  public double[] angles(TrainingStep step) {
    double[] out = new double[hidden.length];
    for (int k = 0; k < hidden.length; k++) {
      out[k] = Feedback.degrees(DataView.of(step.delta(hidden[k])).toArray(), exactDeltas[k]);
    }
    return out;
  }

  /** Keeps a copy of the parameters before the update. */
  public void snapshotParams() {
    for (int i = 0; i < before.length; i++) {
      before[i] = params.get(i);
    }
  }

  /** Per layer with parameters, the Euclidean norm of the change since {@link #snapshotParams}. */
  public double[] updateNorms() {
    double[] out = new double[trainable.size()];
    for (int k = 0; k < out.length; k++) {
      int l = trainable.get(k);
      double s = 0;
      for (int i = (int) network.paramOffset(l), end = (int) network.paramOffset(l + 1); i < end; i++) {
        double d = params.get(i) - before[i];
        s += d * d;
      }
      out[k] = Math.sqrt(s);
    }
    return out;
  }
}
