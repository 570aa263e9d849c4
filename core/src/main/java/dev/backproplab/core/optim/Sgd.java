package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;

/** Plain stochastic gradient descent: {@code p -= lr * g}. Stateless. */
final class Sgd implements Updater {
  private final double lr;

  Sgd(double lr) {
    this.lr = lr;
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    Kernels.get().sgd(params, gradients, lr);
  }
}
