package dev.backproplab.core.dfo;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;

/**
 * The stop criteria every optimizer shares: an evaluation budget and an optional target loss.
 *
 * @param maxEvaluations the number of loss evaluations after which {@link StopReason#MAX_EVALUATIONS}
 *     is reported; must be positive
 * @param targetLoss the loss at or below which {@link StopReason#TARGET_REACHED} is reported; {@code
 *     Double.NEGATIVE_INFINITY} for none; must not be NaN
 */
public record EvaluationBudget(long maxEvaluations, double targetLoss) implements Serializable {

  public EvaluationBudget {
    if (maxEvaluations <= 0) {
      throw new InvalidInputException(
          "maxEvaluations must be positive, found " + maxEvaluations);
    }
    if (Double.isNaN(targetLoss)) {
      throw new InvalidInputException("targetLoss must be a number or -Infinity, found NaN");
    }
  }

  /** A budget of {@code maxEvaluations} with no target loss. */
  public static EvaluationBudget of(long maxEvaluations) {
    return new EvaluationBudget(maxEvaluations, Double.NEGATIVE_INFINITY);
  }
}
