package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any rule with a low-precision learning channel (Baldi, Sadowski &amp; Lu 2018, "Learning in the
 * machine: random backpropagation and the deep learning channel"): every error signal the wrapped rule
 * delivers to a hidden layer, that is every signal that travels through the learning channel, is
 * rounded to {@code bits} bits by {@link Quantizer} as it arrives, before the activation derivative
 * and the layer's gradients use it. The output layer's own error ({@code softmax - onehot}), which is
 * formed where the targets are and needs no channel, stays at full precision: rounding it to one bit
 * would give every wrong class the same push whatever its probability, and the loss would not fall.
 */
public final class QuantizedErrors implements CreditAssignment {
  private final CreditAssignment rule;
  private final int bits;
  /** Views of the network's batch arrays, made once per array so steps allocate nothing. */
  private final Map<INDArray, DataView> views = new IdentityHashMap<>();

  /** Wraps {@code rule}, quantising its error signals to {@code bits} (1 to 32). */
  public QuantizedErrors(CreditAssignment rule, int bits) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits must be in [1, 32], got " + bits);
    }
    this.rule = rule;
    this.bits = bits;
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    rule.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
    Quantizer.quantize(view(errorOut), bits);
  }

  @Override
  public void afterUpdate(TrainingStep step) {
    rule.afterUpdate(step);
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return rule.feedbackAngles(network);
  }

  private DataView view(INDArray a) {
    DataView v = views.get(a);
    if (v == null) {
      v = DataView.of(a);
      views.put(a, v);
    }
    return v;
  }
}
