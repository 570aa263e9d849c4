package dev.backproplab.core.blackbox;

/**
 * A function {@code f: R^n -> R^m} evaluated into a caller's array. Implementations hold no state that
 * a call changes, except a noise source of their own.
 */
public interface VectorFunction {

  /** n, the input dimension. */
  int inputs();

  /** m, the output dimension. */
  int outputs();

  /** Writes {@code f(x)} into {@code out} (length {@link #outputs()}). */
  void apply(double[] x, double[] out);

  /**
   * The exact {@code J(x)^T v} (length {@link #inputs()}) where the function has a derivative, else
   * null: what an estimate is compared with.
   */
  default double[] exactTransposeTimes(double[] x, double[] v) {
    return null;
  }
}
