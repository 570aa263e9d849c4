package dev.backproplab.core.stopping;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Early stopping across the trials of a sweep, as the sweep file's {@code early_stopping} asks.
 *
 * @param rule {@code median} (the median stopping rule) or {@code asha} (asynchronous successive
 *     halving)
 * @param metric {@code val_loss} (lower is better) or {@code val_accuracy} (higher is better), measured
 *     on the validation split: the test split never decides which trial goes on
 * @param graceEpochs no trial is stopped before this many epochs; ASHA's first rung
 * @param reductionFactor ASHA's eta: rungs at grace * eta^k epochs, the top 1/eta continue
 * @param minTrials the median rule compares only once this many other trials reported at an epoch
 */
public record StoppingSpec(String rule, String metric, int graceEpochs, int reductionFactor, int minTrials)
    implements Serializable {
  public static final List<String> RULES = List.of("median", "asha");
  public static final List<String> METRICS = List.of("val_loss", "val_accuracy");

  public StoppingSpec {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(metric, "metric");
    if (!RULES.contains(rule)) {
      throw new InvalidInputException("early_stopping.rule '" + rule + "' is not known: expected one of " + RULES);
    }
    if (metric.startsWith("test_")) {
      throw new InvalidInputException("early_stopping.metric '" + metric + "' would select trials on the test"
          + " split: use " + metric.replace("test_", "val_") + " (the validation split's)");
    }
    if (!METRICS.contains(metric)) {
      throw new InvalidInputException(
          "early_stopping.metric '" + metric + "' is not known: expected one of " + METRICS);
    }
    if (graceEpochs < 1) {
      throw new InvalidInputException("early_stopping.grace_epochs must be >= 1, got " + graceEpochs);
    }
    if (reductionFactor < 2) {
      throw new InvalidInputException("early_stopping.reduction_factor must be >= 2, got " + reductionFactor);
    }
    if (minTrials < 1) {
      throw new InvalidInputException("early_stopping.min_trials must be >= 1, got " + minTrials);
    }
  }

  /** Whether larger values of the metric are better. */
  public boolean maximize() {
    return metric.equals("val_accuracy");
  }

  /** The rule this spec describes, posting to and reading from {@code board}. */
  public StoppingRule create(RungBoard board) {
    return rule.equals("asha") ? new Asha(this, board) : new MedianStoppingRule(this, board);
  }
}
