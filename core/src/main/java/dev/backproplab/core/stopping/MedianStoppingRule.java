package dev.backproplab.core.stopping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median stopping rule of Golovin, Solnik, Moitra, Kochanski, Karro &amp; Sculley 2017, "Google
 * Vizier: A Service for Black-Box Optimization", section 3.2.2: a trial is stopped at epoch e if its
 * best objective so far is worse than the median of the other trials' running averages of the
 * objective up to epoch e. As in Ray Tune's version, the median is over every trial that has reached
 * epoch e, running or finished, once at least {@code min_trials} have; nothing stops before
 * {@code grace_epochs}.
 *
 * <p>One instance per trial (it keeps the trial's running average); not thread-safe.
 */
final class MedianStoppingRule implements StoppingRule {
  private final StoppingSpec spec;
  private final RungBoard board;
  private double sum;
  private int count;
  private double best;

  MedianStoppingRule(StoppingSpec spec, RungBoard board) {
    this.spec = spec;
    this.board = board;
    this.best = spec.maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  @Override
  public String report(String trialId, int epoch, double valLoss, double valAccuracy) {
    double value = spec.maximize() ? valAccuracy : valLoss;
    sum += value;
    count++;
    best = spec.maximize() ? Math.max(best, value) : Math.min(best, value);
    List<Double> others = new ArrayList<>(board.values(epoch));
    board.post(epoch, trialId, sum / count);
    if (epoch < spec.graceEpochs() || others.size() < spec.minTrials()) {
      return null;
    }
    double median = median(others);
    boolean behind = spec.maximize() ? best < median : best > median;
    return behind
        ? String.format("stopped by the median rule after epoch %d: best %s %.6g, median of %d other trials %.6g",
            epoch, spec.metric(), best, others.size(), median)
        : null;
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
