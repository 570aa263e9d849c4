package dev.backproplab.core.blackbox;

import java.util.random.RandomGenerator;

/**
 * {@code f(x) = A x} for a sparse {@code A} stored on its {@link DependencyPattern}: the function whose
 * Jacobian is known exactly, for tests and the Jacobian bench. Immutable.
 */
public final class LinearMap implements VectorFunction {
  private final DependencyPattern pattern;
  /** {@code values[i][k]} = {@code A[i][pattern.row(i)[k]]}. */
  private final double[][] values;

  private LinearMap(DependencyPattern pattern, double[][] values) {
    this.pattern = pattern;
    this.values = values;
  }

  /** A map on {@code pattern} with entries drawn from {@code N(0, 1)}. */
  public static LinearMap random(DependencyPattern pattern, RandomGenerator rng) {
    double[][] v = new double[pattern.outputs()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = new double[pattern.row(i).length];
      for (int k = 0; k < v[i].length; k++) {
        v[i][k] = rng.nextGaussian();
      }
    }
    return new LinearMap(pattern, v);
  }

  /**
   * {@code A = I + scale N(0, 1/s_i)} on {@code pattern} (row i's s_i entries; the pattern must hold
   * the diagonal): a map that mixes neighbours but keeps each input's own signal.
   */
  public static LinearMap nearIdentity(DependencyPattern pattern, double scale, RandomGenerator rng) {
    double[][] v = new double[pattern.outputs()][];
    for (int i = 0; i < v.length; i++) {
      int[] cols = pattern.row(i);
      if (!pattern.contains(i, i)) {
        throw new IllegalArgumentException("a near-identity map needs the diagonal; row " + i + " lacks it");
      }
      v[i] = new double[cols.length];
      for (int k = 0; k < cols.length; k++) {
        v[i][k] = (cols[k] == i ? 1.0 : 0.0) + scale * rng.nextGaussian() / Math.sqrt(cols.length);
      }
    }
    return new LinearMap(pattern, v);
  }

  @Override
  public int inputs() {
    return pattern.inputs();
  }

  @Override
  public int outputs() {
    return pattern.outputs();
  }

  @Override
  public void apply(double[] x, double[] out) {
    for (int i = 0; i < out.length; i++) {
      int[] cols = pattern.row(i);
      double s = 0;
      for (int k = 0; k < cols.length; k++) {
        s += values[i][k] * x[cols[k]];
      }
      out[i] = s;
    }
  }

  @Override
  public double[] exactTransposeTimes(double[] x, double[] v) {
    double[] out = new double[inputs()];
    for (int i = 0; i < v.length; i++) {
      int[] cols = pattern.row(i);
      for (int k = 0; k < cols.length; k++) {
        out[cols[k]] += values[i][k] * v[i];
      }
    }
    return out;
  }

  /** A as a dense row-major {@code m x n} array. */
  public double[] dense() {
    int n = inputs();
    double[] a = new double[outputs() * n];
    for (int i = 0; i < outputs(); i++) {
      int[] cols = pattern.row(i);
      for (int k = 0; k < cols.length; k++) {
        a[i * n + cols[k]] = values[i][k];
      }
    }
    return a;
  }
}
