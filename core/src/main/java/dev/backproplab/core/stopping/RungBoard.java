package dev.backproplab.core.stopping;

import java.util.List;

/**
 * Where the trials of one sweep post their intermediate results for an early-stopping rule to
 * compare: at each rung (a number of epochs), one value per trial. Trials run in parallel on many
 * machines, so implementations must be safe for concurrent posts and reads from many processes (the
 * sweep job keeps the board as small files beside the results).
 */
public interface RungBoard {

  /** Posts {@code value} for {@code trialId} at {@code rung}, replacing an earlier post of that trial. */
  void post(int rung, String trialId, double value);

  /** Every value posted at {@code rung} so far, by any trial, in no particular order. */
  List<Double> values(int rung);
}
