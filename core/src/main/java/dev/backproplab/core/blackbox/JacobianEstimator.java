package dev.backproplab.core.blackbox;

import java.util.random.RandomGenerator;

/**
 * Estimates a {@link Blackbox}'s Jacobian at a point from calls on perturbed inputs. The caller may
 * pass {@code f(x)} when it already has it (a network's forward pass does), so that forward
 * differences do not spend a call on it; with {@code fx == null} the estimator calls f at x itself and
 * counts that call. Estimators are immutable and may be shared; the random source is the caller's.
 */
public interface JacobianEstimator {

  /** The estimated {@code J(x)} and the calls spent. */
  JacobianEstimate jacobian(Blackbox f, double[] x, double[] fx, RandomGenerator rng);

  /** The estimated {@code J(x)^T v} (what backprop needs) and the calls spent. */
  default VectorEstimate transposeTimes(Blackbox f, double[] x, double[] fx, double[] v, RandomGenerator rng) {
    JacobianEstimate j = jacobian(f, x, fx, rng);
    return new VectorEstimate(j.transposeTimes(v), j.calls());
  }

  /** Calls one estimate spends on {@code f}, given {@code f(x)}. */
  long callsPerEstimate(Blackbox f);

  /** A short description, e.g. {@code forward(h=1e-06)}. */
  String describe();

  /** {@code f(x)}: the given one, or one call. */
  static double[] base(Blackbox f, double[] x, double[] fx) {
    return fx != null ? fx : f.call(x);
  }
}
