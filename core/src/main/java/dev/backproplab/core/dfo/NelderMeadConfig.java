package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkConfig;

import java.util.SplittableRandom;

/**
 * The Nelder-Mead simplex method: Nelder and Mead (1965), "A Simplex Method for Function
 * Minimization", with either the standard coefficients or the dimension-adaptive ones of Gao and Han
 * (2012), "Implementing the Nelder-Mead simplex algorithm with adaptive parameters".
 *
 * <p>Immutable and thread-safe; validated on construction ({@link
 * dev.backproplab.core.InvalidInputException} names the bad value).
 *
 * @param initialStep the initial simplex is {@code x0} and {@code x0 + initialStep * e_i}; positive
 * @param coefficients standard or adaptive
 * @param tolX stop when every vertex is within {@code tolX} (max norm) of the best one ...
 * @param tolFun ... and the losses of the simplex span at most {@code tolFun} (both, as in SciPy)
 * @param reevaluate after each accepted step or shrink, evaluate all vertices again before the next
 *     reflection (for noisy losses such as minibatch losses, so no vertex keeps the loss of a lucky
 *     old minibatch; costs n + 1 evaluations per step)
 * @param budget the shared stop criteria
 */
public record NelderMeadConfig(
    double initialStep, Coefficients coefficients, double tolX, double tolFun, boolean reevaluate,
    EvaluationBudget budget)
    implements OptimizerConfig<NelderMead> {

  /** Reflection, expansion, contraction and shrink coefficients. */
  public enum Coefficients {
    /** alpha = 1, beta = 2, gamma = 0.5, delta = 0.5. */
    STANDARD,
    /** Gao and Han (2012): alpha = 1, beta = 1 + 2/n, gamma = 0.75 - 1/(2n), delta = 1 - 1/n. */
    ADAPTIVE;

    /** {alpha, beta, gamma, delta} in dimension {@code n}. */
    double[] values(int n) {
      if (this == STANDARD || n < 2) {
        return new double[] {1, 2, 0.5, 0.5};
      }
      return new double[] {1, 1 + 2.0 / n, 0.75 - 1.0 / (2.0 * n), 1 - 1.0 / n};
    }
  }

  public NelderMeadConfig {
    checkConfig(
        initialStep > 0 && Double.isFinite(initialStep),
        "nelder-mead initialStep must be positive, found %s",
        initialStep);
    checkConfig(coefficients != null, "nelder-mead coefficients missing (STANDARD or ADAPTIVE)");
    checkConfig(tolX >= 0, "nelder-mead tolX must be >= 0, found %s", tolX);
    checkConfig(tolFun >= 0, "nelder-mead tolFun must be >= 0, found %s", tolFun);
    checkConfig(budget != null, "nelder-mead budget missing");
  }

  /** Adaptive coefficients, tolX = tolFun = 1e-12, no re-evaluation (a deterministic loss). */
  public static NelderMeadConfig of(double initialStep, EvaluationBudget budget) {
    return new NelderMeadConfig(initialStep, Coefficients.ADAPTIVE, 1e-12, 1e-12, false, budget);
  }

  @Override
  public String name() {
    return "nelder-mead";
  }

  /** Nelder-Mead is deterministic; {@code random} is not used. */
  @Override
  public NelderMead create(double[] x0, SplittableRandom random) {
    return new NelderMead(Checks.checkInitialPoint(x0), this);
  }
}
