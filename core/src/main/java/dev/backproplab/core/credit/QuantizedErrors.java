package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any rule with a low-precision learning channel (Baldi, Sadowski &amp; Lu 2018, "Learning in the
 * machine: random backpropagation and the deep learning channel"): every error signal the wrapped rule
 * sends across a weight layer's learning channel ({@link CreditAssignment#crossesChannel}) is rounded
 * to {@code bits} bits by {@link Quantizer} as it arrives, before the activation derivative and the
 * layer's gradients use it, with one scale per signal over the batch.
 *
 * <p>Exactly which signal: for the rules that go back layer by layer (bp, fa, arbp, sparse-rbp,
 * sign-symmetry), the error {@code delta_{l+1} B_{l+1}^T} that leaves a layer with weights (or its
 * feedback) towards the layer below; an error that pooling or flatten pass on unchanged was sent once
 * and is not rounded again (rounding again would, at 1 bit, rescale by the zeros max-pool's backward
 * creates). For direct feedback (dfa, asrbp), each hidden layer's projection {@code e D_h}, one signal
 * per layer with weights. The output layer's own error ({@code softmax - onehot}), which is formed
 * where the targets are and needs no channel, stays at full precision: rounding it to one bit would
 * give every wrong class the same push whatever its probability, and the loss would not fall.
 */
public final class QuantizedErrors extends ForwardingRule {
  private final int bits;
  private final Quantizer.Rounding rounding;
  private final RandomGenerator rng;
  /** Views of the network's batch arrays, made once per array so steps allocate nothing. */
  private final Map<INDArray, DataView> views = new IdentityHashMap<>();

  /** Wraps {@code rule}, quantising its error signals to {@code bits} (1 to 32), rounding to nearest. */
  public QuantizedErrors(CreditAssignment rule, int bits) {
    this(rule, bits, Quantizer.Rounding.NEAREST, null);
  }

  /**
   * Wraps {@code rule}, quantising its error signals to {@code bits} (1 to 32) with {@code rounding};
   * {@code rng} draws stochastic rounding (may be null for nearest).
   */
  public QuantizedErrors(CreditAssignment rule, int bits, Quantizer.Rounding rounding, RandomGenerator rng) {
    super(rule);
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits must be in [1, 32], got " + bits);
    }
    if (rounding == Quantizer.Rounding.STOCHASTIC && rng == null) {
      throw new IllegalArgumentException("stochastic rounding needs a random source");
    }
    this.bits = bits;
    this.rounding = rounding;
    this.rng = rng;
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    rule.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
    if (rule.crossesChannel(step.network(), layer)) {
      Quantizer.quantize(view(errorOut), bits, rounding, rng);
    }
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
