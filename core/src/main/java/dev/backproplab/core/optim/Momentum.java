package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

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
  /** The velocity in the parameters' precision, as DL4J keeps it. */
  private final DataView velocity;

  Momentum(double lr, double mu, boolean nesterov, int n, DataType type) {
    this.lr = lr;
    this.mu = mu;
    this.nesterov = nesterov;
    this.velocity = DataView.of(Nd4j.create(type, n));
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    Kernels.get().momentum(params, gradients, velocity, mu, lr, nesterov);
  }
}
