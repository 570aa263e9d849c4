package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;

/**
 * Decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization",
 * Algorithm 2, AdamW): the weights shrink by {@code (1 - lr wd)} and then the wrapped rule steps on
 * the unpenalised gradient, so the decay is not divided by Adam's second-moment estimate as an L2
 * gradient term would be. The decay is scaled by the learning rate as in PyTorch's {@code AdamW} and
 * DL4J's {@code weightDecay(wd, true)}: the paper's schedule multiplier {@code eta_t} times {@code
 * lambda} is {@code lr wd} here.
 */
final class DecoupledWeightDecay implements Updater {
  private final Updater rule;
  private final double shrink;

  /** @param shrink {@code lr wd}, the fraction of every weight removed per step */
  DecoupledWeightDecay(Updater rule, double shrink) {
    this.rule = rule;
    this.shrink = shrink;
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    Kernels.get().addScaled(params, params, -shrink, params);
    rule.apply(params, gradients);
  }
}
