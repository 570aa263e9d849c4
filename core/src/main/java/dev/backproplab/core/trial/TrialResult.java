package dev.backproplab.core.trial;

import java.time.Instant;

/**
 * How one trial ended and where it got. Losses and accuracies are NaN when the trial never got as
 * far as measuring them (e.g. it failed before the first evaluation).
 *
 * @param spec the trial
 * @param status how it ended
 * @param error the error for FAILED, DIVERGED or TIMED_OUT, else null
 * @param epochs complete passes over the training set
 * @param steps optimizer steps
 * @param evaluations loss evaluations
 * @param samplesSeen training examples pushed through a forward pass
 * @param finalTrainLoss mean minibatch loss of the last epoch (or part of one); for a derivative-free
 *     method, the plain minibatch loss of the point it reports (not the best of its population)
 * @param finalValLoss validation loss at the end
 * @param finalValAccuracy validation accuracy at the end
 * @param bestValAccuracy best validation accuracy of any curve point
 * @param testAccuracyAtBestVal test accuracy at the curve point of best validation accuracy (the
 *     early-stopping estimate: chosen on validation, reported on test)
 * @param finalTestLoss test loss at the end
 * @param finalTestAccuracy test accuracy at the end
 * @param bestTestAccuracy best test accuracy of any curve point: an optimistic figure, chosen on the
 *     test split; compare trials by validation, report {@code testAccuracyAtBestVal} or the final test
 * @param wallSeconds duration
 * @param startedAt start time
 * @param finishedAt end time
 * @param datasetSha256 content hash of the data trained on
 * @param judgements what judge models said of an input-optimisation trial's inputs ({@link
 *     Judgements#NONE} for every other trial)
 */
public record TrialResult(
    TrialSpec spec,
    TrialStatus status,
    String error,
    int epochs,
    long steps,
    long evaluations,
    long samplesSeen,
    double finalTrainLoss,
    double finalValLoss,
    double finalValAccuracy,
    double bestValAccuracy,
    double testAccuracyAtBestVal,
    double finalTestLoss,
    double finalTestAccuracy,
    double bestTestAccuracy,
    double wallSeconds,
    Instant startedAt,
    Instant finishedAt,
    String datasetSha256,
    Judgements judgements) {}
