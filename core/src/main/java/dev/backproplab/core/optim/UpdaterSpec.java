package dev.backproplab.core.optim;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;

/**
 * What gradient step to take: the rule and its hyperparameters. Validated on construction.
 *
 * @param kind sgd, momentum, nesterov or adam
 * @param lr learning rate, &gt; 0
 * @param momentum momentum coefficient in [0, 1) (momentum and nesterov)
 * @param beta1 Adam's first-moment decay in [0, 1)
 * @param beta2 Adam's second-moment decay in [0, 1)
 * @param epsilon Adam's denominator offset, &gt; 0
 * @param weightDecay weight decay coefficient, &gt;= 0 (0: none), over every parameter, biases included:
 *     an L2 penalty added to the gradient ({@code g + wd p}) for sgd, momentum and nesterov; decoupled
 *     (AdamW, Loshchilov &amp; Hutter 2019) for adam: {@code p <- p (1 - lr wd)} before the Adam step
 */
public record UpdaterSpec(Kind kind, double lr, double momentum, double beta1, double beta2, double epsilon,
    double weightDecay) implements Serializable {

  /** The update rules. */
  public enum Kind {
    SGD,
    MOMENTUM,
    NESTEROV,
    ADAM
  }

  public UpdaterSpec {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new InvalidInputException("lr must be > 0, got " + lr);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new InvalidInputException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw new InvalidInputException("beta1 must be in [0, 1), got " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw new InvalidInputException("beta2 must be in [0, 1), got " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new InvalidInputException("epsilon must be > 0, got " + epsilon);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new InvalidInputException("weight_decay must be >= 0, got " + weightDecay);
    }
  }

  /** A step rule without weight decay. */
  public UpdaterSpec(Kind kind, double lr, double momentum, double beta1, double beta2, double epsilon) {
    this(kind, lr, momentum, beta1, beta2, epsilon, 0.0);
  }
}
