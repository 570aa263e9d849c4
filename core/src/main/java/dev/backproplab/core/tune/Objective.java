package dev.backproplab.core.tune;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What a search optimizes: a metric a trial measures on the validation split, never on test (a
 * configuration chosen on test has an optimistic test score; docs/adr/0013), and whether higher or lower
 * is better. A trial without the metric (FAILED, DIVERGED, TIMED_OUT before its first evaluation) is told
 * to the optimizer as the worst value.
 *
 * @param metric {@code val_accuracy} (the final one), {@code best_val_accuracy} or {@code val_loss} (final)
 * @param maximize whether higher is better
 */
public record Objective(String metric, boolean maximize) implements Serializable {
  /** The metrics a search may optimize. */
  public static final List<String> METRICS = List.of("val_accuracy", "best_val_accuracy", "val_loss");

  public Objective {
    if (!METRICS.contains(metric)) {
      String why = metric.toLowerCase(Locale.ROOT).contains("test")
          ? ": a search chooses on the validation split, never on test (test is for reporting the choice)"
          : Suggest.didYouMean(metric, METRICS);
      throw new InvalidInputException("unknown objective metric '" + metric + "'" + why + "; expected one of "
          + METRICS);
    }
  }

  /** The metric's usual direction: max for accuracies, min for the loss. */
  public static Objective of(String metric) {
    return new Objective(metric, !metric.equals("val_loss"));
  }

  /** The loss the optimizer is told (lower is better) for a trial that measured {@code value}; NaN for none. */
  public double loss(double value) {
    return Double.isFinite(value) ? (maximize ? -value : value) : Double.NaN;
  }

  /** The metric's value among a trial's final validation loss, final and best validation accuracy. */
  public double value(double valLoss, double valAccuracy, double bestValAccuracy) {
    return switch (metric) {
      case "val_accuracy" -> valAccuracy;
      case "best_val_accuracy" -> bestValAccuracy;
      default -> valLoss;
    };
  }
}
