package dev.backproplab.core.stopping;

/**
 * Decides, each time a trial has measured itself after a whole epoch, whether it should stop early
 * because the sweep's other trials do better. Called by the trial's thread; the trial then ends
 * STOPPED and keeps its curve. Rules compare through a {@link RungBoard}, so their decisions depend
 * on which other trials got how far first: a sweep with early stopping is not bit-reproducible.
 */
public interface StoppingRule {

  /**
   * Reports that trial {@code trialId} measured {@code valLoss} and {@code valAccuracy} on the
   * validation split after {@code epoch} whole epochs.
   *
   * @return why the trial should stop now, or null to go on
   */
  String report(String trialId, int epoch, double valLoss, double valAccuracy);
}
