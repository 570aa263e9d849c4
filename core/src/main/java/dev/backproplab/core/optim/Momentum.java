package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;

/**
 * SGD with classical momentum (Polyak 1964) or Nesterov's accelerated gradient in the form of
 * Sutskever, Martens, Dahl &amp; Hinton 2013, "On the importance of initialization and momentum in deep
 * learning" (the form DL4J's {@code Nesterovs} uses): with velocity {@code v <- mu v - lr g},
 * classical momentum steps {@code p += v} and Nesterov steps {@code p += -mu v_prev + (1 + mu) v}.
 */
final class Momentum implements Updater {
  private final double lr;
  private final double mu;
  private final boolean nesterov;
  private final double[] velocity;

  Momentum(double lr, double mu, boolean nesterov, int n) {
    this.lr = lr;
    this.mu = mu;
    this.nesterov = nesterov;
    this.velocity = new double[n];
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    for (int i = 0, n = params.length(); i < n; i++) {
      double prev = velocity[i];
      double v = mu * prev - lr * gradients.get(i);
      velocity[i] = v;
      double step = nesterov ? -mu * prev + (1.0 + mu) * v : v;
      params.set(i, params.get(i) + step);
    }
  }
}
