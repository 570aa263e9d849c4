package dev.backproplab.core.nn;

import java.util.Optional;

/**
 * The fused elementwise passes of a training step, over the arrays' memory: bias and activation,
 * the activation's derivative, bias gradients (column sums), the input copy, and the updaters' steps.
 * Each pass reads and writes every element once, so it costs what the memory traffic costs.
 *
 * <p>Two implementations, one chosen at start-up ({@link #get()}): {@code vector}, on the JDK's Vector
 * API ({@code jdk.incubator.vector}: float lanes for float arrays, double lanes for double arrays),
 * when the JVM was started with {@code --add-modules jdk.incubator.vector} (the launcher, surefire and
 * the documented spark-defaults do this); otherwise {@code scalar}, plain Java loops. The system
 * property {@code bpl.kernels=scalar} forces the scalar one. On double arrays the two compute the same
 * operations in the same order and agree bit for bit; on float arrays the vector passes compute in
 * float, the scalar ones in double rounded to float at the end, so multi-operation steps (Adam, tanh's
 * derivative) can differ in the last bit. tanh and sigmoid themselves are scalar in both
 * ({@code Math.tanh}, {@code Math.exp}), so forward activations agree exactly.
 *
 * <p>Stateless and thread-safe; the arrays belong to the caller's thread.
 */
public abstract class Kernels {
  private static final Kernels CHOSEN = choose();

  Kernels() {}

  /** The implementation chosen at start-up. */
  public static Kernels get() {
    return CHOSEN;
  }

  /** The scalar implementation, whatever was chosen: a baseline for tests and benchmarks. */
  public static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** The vector implementation, when the JVM has the Vector API module. */
  public static Optional<Kernels> vector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      // loaded by name: without the module in the JVM the class could not link
      return Optional.of((Kernels) Class.forName("dev.backproplab.core.nn.VectorKernels")
          .getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static Kernels choose() {
    if ("scalar".equals(System.getProperty("bpl.kernels"))) {
      return scalar();
    }
    return vector().orElse(scalar());
  }

  /** A short description: {@code vector (16 float lanes)} or {@code scalar}. */
  public abstract String describe();

  /** {@code out[r, c] = f(out[r, c] + bias[c])} over a row-major {@code [rows, cols]} block. */
  abstract void biasActivation(DataView out, DataView bias, int rows, int cols, Activation f);

  /** {@code delta[i] *= f'(a[i])} for {@code i < count}, the derivative from the output {@code a}. */
  abstract void multiplyByDerivative(DataView delta, DataView a, int count, Activation f);

  /** {@code sums[c] = sum over r of in[r, c]} over a row-major {@code [rows, cols]} block, row by row. */
  abstract void columnSums(DataView in, int rows, int cols, DataView sums);

  /** Copies {@code n} floats from {@code src[srcPos..]} to {@code dst} from element {@code dstPos}. */
  abstract void load(float[] src, int srcPos, DataView dst, int dstPos, int n);

  /** SGD: {@code p -= lr g}. */
  public final void sgd(DataView p, DataView g, double lr) {
    sameShape(p, g);
    sgdPass(p, g, lr);
  }

  abstract void sgdPass(DataView p, DataView g, double lr);

  /**
   * Momentum: {@code v' = mu v - lr g}; {@code p += v'} (classical) or {@code p += -mu v + (1 + mu) v'}
   * (Nesterov, in Sutskever et al.'s form).
   */
  public final void momentum(DataView p, DataView g, DataView velocity, double mu, double lr, boolean nesterov) {
    sameShape(p, g);
    sameShape(p, velocity);
    momentumPass(p, g, velocity, mu, lr, nesterov);
  }

  abstract void momentumPass(DataView p, DataView g, DataView velocity, double mu, double lr, boolean nesterov);

  /**
   * Adam with the bias corrections folded into {@code alpha}: {@code m = b1 m + (1 - b1) g},
   * {@code v = b2 v + (1 - b2) g g}, {@code p -= alpha m / (sqrt(v) + eps)}.
   */
  public final void adam(DataView p, DataView g, DataView m, DataView v, double beta1, double beta2,
      double alpha, double epsilon) {
    sameShape(p, g);
    sameShape(p, m);
    sameShape(p, v);
    adamPass(p, g, m, v, beta1, beta2, alpha, epsilon);
  }

  abstract void adamPass(DataView p, DataView g, DataView m, DataView v, double beta1, double beta2,
      double alpha, double epsilon);

  /**
   * {@code out = x + a y}, element by element; any two of the views may be the same (weight decay: the
   * L2-penalised gradient {@code g + wd p}, or the decoupled shrink {@code p + (-lr wd) p}).
   */
  public final void addScaled(DataView out, DataView x, double a, DataView y) {
    sameShape(out, x);
    sameShape(out, y);
    addScaledPass(out, x, a, y);
  }

  abstract void addScaledPass(DataView out, DataView x, double a, DataView y);

  /** Checks that the views have the same length and element type. */
  private static void sameShape(DataView a, DataView b) {
    if (a.length() != b.length() || a.isFloat() != b.isFloat()) {
      throw new IllegalArgumentException("views differ: " + a.length() + (a.isFloat() ? " floats" : " doubles")
          + " against " + b.length() + (b.isFloat() ? " floats" : " doubles"));
    }
  }
}
