package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialStatus;
import java.io.Serializable;

/**
 * What a task tells the driver about a trial it ran: enough for the progress line and the summary;
 * the full record is in the results store. Accuracies are the trial's final ones, validation first;
 * the validation loss and best validation accuracy are what a search's objective may read.
 */
public record TrialOutcome(
    String trialId, TrialStatus status, String error, double valAccuracy, double testAccuracy,
    double wallSeconds, long samplesSeen, int attempt, String executor, double valLoss, double bestValAccuracy)
    implements Serializable {

  /** The outcome of {@code r}, its {@code attempt}, run on {@code executor}: what a task sends the driver. */
  public static TrialOutcome of(TrialResult r, int attempt, String executor) {
    String firstLine = r.error() == null ? null : r.error().lines().findFirst().orElse("");
    return new TrialOutcome(r.spec().trialId(), r.status(), firstLine, r.finalValAccuracy(),
        r.finalTestAccuracy(), r.wallSeconds(), r.samplesSeen(), attempt, executor, r.finalValLoss(),
        r.bestValAccuracy());
  }
}
