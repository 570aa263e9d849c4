package dev.backproplab.jobs.compare;

import java.util.List;
import java.util.Map;

/**
 * One configuration's change from the baseline run to the run: accuracies, speed to target, failures
 * and divergences, and the reasons it is a regression (none: it is not).
 *
 * @param method the method
 * @param configuration model, budget and parameters ({@link TrialRow#configuration})
 * @param params its parameters
 * @param validation the final validation accuracy's change
 * @param test the final test accuracy's change
 * @param speed samples and seconds to the target accuracy
 * @param baselineFailed FAILED or TIMED_OUT trials in the baseline
 * @param runFailed FAILED or TIMED_OUT trials in the run
 * @param baselineDiverged DIVERGED trials in the baseline
 * @param runDiverged DIVERGED trials in the run
 * @param reasons why this configuration regressed, one line each; empty when it did not
 */
public record ConfigurationChange(String method, String configuration, Map<String, String> params,
    AccuracyChange validation,
    AccuracyChange test, SpeedChange speed, int baselineFailed, int runFailed, int baselineDiverged,
    int runDiverged, List<String> reasons) {
  public ConfigurationChange {
    reasons = List.copyOf(reasons);
  }

  /** Whether the configuration regressed. */
  public boolean regressed() {
    return !reasons.isEmpty();
  }
}
