package dev.backproplab.core.stopping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asynchronous successive halving (Li, Jamieson, Rostamizadeh, Gonina, Hardt, Recht &amp; Talwalkar
 * 2020, "A System for Massively Parallel Hyperparameter Tuning", MLSys; ASHA), in its stopping form
 * (as Ray Tune's ASHAScheduler): rungs at {@code grace * eta^k} epochs; a trial that reaches a rung
 * posts its metric there and continues only if it is among the top {@code 1/eta} of all values
 * posted at that rung so far (with fewer than {@code eta} values it continues). Promotion is
 * therefore never delayed by stragglers, which is the point of the asynchronous version.
 *
 * <p>Stateless apart from its board; one instance per trial.
 */
final class Asha implements StoppingRule {
  private final StoppingSpec spec;
  private final RungBoard board;

  Asha(StoppingSpec spec, RungBoard board) {
    this.spec = spec;
    this.board = board;
  }

  /** Whether {@code epoch} is a rung: grace * eta^k for some k >= 0. */
  boolean isRung(int epoch) {
    long r = spec.graceEpochs();
    while (r < epoch) {
      r *= spec.reductionFactor();
    }
    return r == epoch;
  }

  @Override
  public String report(String trialId, int epoch, double valLoss, double valAccuracy) {
    double value = spec.maximize() ? valAccuracy : valLoss;
    if (!isRung(epoch)) {
      return null;
    }
    board.post(epoch, trialId, value);
    List<Double> posted = new ArrayList<>(board.values(epoch));
    int eta = spec.reductionFactor();
    int keep = posted.size() / eta;
    if (keep == 0) {
      return null;
    }
    // the value the top `keep` must reach
    Collections.sort(posted);
    double cutoff = spec.maximize() ? posted.get(posted.size() - keep) : posted.get(keep - 1);
    boolean behind = spec.maximize() ? value < cutoff : value > cutoff;
    return behind
        ? String.format("stopped by ASHA at the rung of epoch %d: %s %.6g, the top 1/%d of %d trials there need %.6g",
            epoch, spec.metric(), value, eta, posted.size(), cutoff)
        : null;
  }
}
