package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) with the bias
 * corrections folded into the step size as in the paper's section 2:
 * {@code alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)}, {@code p -= alpha_t m / (sqrt(v) + eps)}.
 * This is also how DL4J's {@code AdamUpdater} computes it, so the two agree step for step. One fused
 * pass of {@link Kernels#adam}.
 */
final class Adam implements Updater {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final DataView m;
  private final DataView v;
  private long t;

  Adam(double lr, double beta1, double beta2, double epsilon, int n, DataType type) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    // moments in the parameters' precision: half the memory traffic for float networks
    this.m = DataView.of(Nd4j.create(type, n));
    this.v = DataView.of(Nd4j.create(type, n));
  }

  @Override
  public void apply(DataView params, DataView gradients) {
    t++;
    double alpha = lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
    Kernels.get().adam(params, gradients, m, v, beta1, beta2, alpha, epsilon);
  }
}
