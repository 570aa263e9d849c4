package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight decay as an L2 penalty {@code wd/2 |p|^2} on the loss (Krogh &amp; Hertz 1992, "A Simple Weight
 * Decay Can Improve Generalization"): the step rule it wraps sees the gradient {@code g + wd p}. This is
 * the {@code weight_decay} of PyTorch's {@code SGD} and DL4J's {@code l2}: for plain SGD the weights
 * shrink by {@code (1 - lr wd)} per step besides the gradient step; with momentum the decay term enters
 * the velocity. The penalised gradient goes to a buffer of the updater's own, so the network's gradient
 * stays what the credit rule assigned (diagnostics read it).
 */
final class L2Penalty implements Updater {
  private final Updater rule;
  private final double wd;
  private final DataView penalised;

  L2Penalty(Updater rule, double wd, int n, DataType type) {
    this.rule = rule;
    this.wd = wd;
    this.penalised = DataView.of(Nd4j.create(type, n));
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    Kernels.get().addScaled(penalised, gradients, wd, params);
    rule.apply(params, penalised);
  }
}
