package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;

/** Plain stochastic gradient descent: {@code p -= lr * g}. Stateless. */
final class Sgd implements Updater {
  private final double lr;

  Sgd(double lr) {
    this.lr = lr;
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    for (int i = 0, n = params.length(); i < n; i++) {
      params.set(i, params.get(i) - lr * gradients.get(i));
    }
  }
}
