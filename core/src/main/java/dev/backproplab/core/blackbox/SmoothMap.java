package dev.backproplab.core.blackbox;

/**
 * {@code f(x) = tanh(A x)} for a sparse {@link LinearMap} A: smooth, with the Jacobian
 * {@code diag(1 - f(x)^2) A} on A's pattern, whose exact left action the estimates are compared with.
 * Immutable.
 */
final class SmoothMap implements VectorFunction {
  private final LinearMap a;

  SmoothMap(LinearMap a) {
    this.a = a;
  }

  @Override
  public int inputs() {
    return a.inputs();
  }

  @Override
  public int outputs() {
    return a.outputs();
  }

  @Override
  public void apply(double[] x, double[] out) {
    a.apply(x, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.tanh(out[i]);
    }
  }

  @Override
  public double[] exactTransposeTimes(double[] x, double[] v) {
    double[] y = new double[outputs()];
    apply(x, y);
    double[] w = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      w[i] = v[i] * (1 - y[i] * y[i]);
    }
    return a.exactTransposeTimes(x, w);
  }
}
