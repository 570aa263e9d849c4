package dev.backproplab.core.nn;

/** The {@link Kernels} as plain Java loops, in double arithmetic: the fallback without the Vector API. */
final class ScalarKernels extends Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  void biasActivation(DataView out, DataView bias, int rows, int cols, Activation f) {
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++, i++) {
        out.set(i, f.apply(out.get(i) + bias.get(c)));
      }
    }
  }

  @Override
  void multiplyByDerivative(DataView delta, DataView a, int count, Activation f) {
    if (f == Activation.IDENTITY) {
      return;
    }
    for (int i = 0; i < count; i++) {
      delta.set(i, delta.get(i) * f.derivativeFromOutput(a.get(i)));
    }
  }

  @Override
  void columnSums(DataView in, int rows, int cols, DataView sums) {
    for (int c = 0; c < cols; c++) {
      sums.set(c, 0.0);
    }
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++, i++) {
        sums.add(c, in.get(i));
      }
    }
  }

  @Override
  void load(float[] src, int srcPos, DataView dst, int dstPos, int n) {
    for (int j = 0; j < n; j++) {
      dst.set(dstPos + j, src[srcPos + j]);
    }
  }

  @Override
  void sgdPass(DataView p, DataView g, double lr) {
    sgd(p, g, lr, 0);
  }

  /** SGD on the elements from {@code from} on (the vector kernels' tail). */
  static void sgd(DataView p, DataView g, double lr, int from) {
    for (int i = from, n = p.length(); i < n; i++) {
      p.set(i, p.get(i) - lr * g.get(i));
    }
  }

  @Override
  void addScaledPass(DataView out, DataView x, double a, DataView y) {
    addScaled(out, x, a, y, 0);
  }

  /** {@code out = x + a y} on the elements from {@code from} on. */
  static void addScaled(DataView out, DataView x, double a, DataView y, int from) {
    for (int i = from, n = out.length(); i < n; i++) {
      out.set(i, x.get(i) + a * y.get(i));
    }
  }

  @Override
  void momentumPass(DataView p, DataView g, DataView velocity, double mu, double lr, boolean nesterov) {
    momentum(p, g, velocity, mu, lr, nesterov, 0);
  }

  /** Momentum on the elements from {@code from} on. */
  static void momentum(DataView p, DataView g, DataView velocity, double mu, double lr, boolean nesterov,
      int from) {
    for (int i = from, n = p.length(); i < n; i++) {
      double prev = velocity.get(i);
      double v = mu * prev - lr * g.get(i);
      velocity.set(i, v);
      double step = nesterov ? -mu * prev + (1.0 + mu) * v : v;
      p.set(i, p.get(i) + step);
    }
  }

  @Override
  void adamPass(DataView p, DataView g, DataView m, DataView v, double beta1, double beta2, double alpha,
      double epsilon) {
    adam(p, g, m, v, beta1, beta2, alpha, epsilon, 0);
  }

  /** Adam on the elements from {@code from} on. */
  static void adam(DataView p, DataView g, DataView m, DataView v, double beta1, double beta2, double alpha,
      double epsilon, int from) {
    for (int i = from, n = p.length(); i < n; i++) {
      double gi = g.get(i);
      double mi = beta1 * m.get(i) + (1.0 - beta1) * gi;
      double vi = beta2 * v.get(i) + (1.0 - beta2) * gi * gi;
      m.set(i, mi);
      v.set(i, vi);
      p.set(i, p.get(i) - alpha * mi / (Math.sqrt(vi) + epsilon));
    }
  }
}
