package dev.backproplab.jobs.compare;

import dev.backproplab.core.sweep.Tolerances;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast one configuration reached its target accuracy in the baseline and in the run: the trials
 * that reached it, and over those the mean samples seen and wall seconds at the first point at or
 * above it.
 *
 * @param target the accuracy to reach (the tolerances' share of the baseline's mean accuracy)
 * @param baselineReached baseline trials that reached it, of {@code baselineTrials}
 * @param runReached run trials that reached it, of {@code runTrials}
 * @param baselineSamples the baseline's mean samples to target (NaN when none reached it)
 * @param runSamples the run's mean samples to target (NaN when none reached it)
 * @param baselineSeconds the baseline's mean seconds to target (NaN when none reached it)
 * @param runSeconds the run's mean seconds to target (NaN when none reached it)
 * @param reasons why this is a regression; empty when it is not
 */
public record SpeedChange(double target, int baselineTrials, int baselineReached, int runTrials, int runReached,
    double baselineSamples, double runSamples, double baselineSeconds, double runSeconds, List<String> reasons) {
  /** Seconds-to-target differences below this are start-up and scheduling noise, never a regression. */
  static final double SECONDS_FLOOR = 1.0;

  public SpeedChange {
    reasons = List.copyOf(reasons);
  }

  /** Compares the trials of one configuration against {@code target}. */
  static SpeedChange of(double target, List<TrialRow> baseline, List<TrialRow> run, Tolerances tolerances) {
    double[] b = reach(target, baseline);
    double[] r = reach(target, run);
    int bReached = (int) b[0];
    int rReached = (int) r[0];
    List<String> reasons = new ArrayList<>();
    int bMissed = baseline.size() - bReached;
    int rMissed = run.size() - rReached;
    if (rMissed > bMissed + tolerances.failures()) {
      reasons.add(String.format("%d of %d trials missed accuracy %.3f (baseline %d of %d)", rMissed, run.size(),
          target, bMissed, baseline.size()));
    }
    if (bReached > 0 && rReached > 0) {
      if (r[1] > tolerances.samplesRatio() * b[1]) {
        reasons.add(String.format("%.2fx the samples to accuracy %.3f (%,.0f, baseline %,.0f; tolerance %.2fx)",
            r[1] / b[1], target, r[1], b[1], tolerances.samplesRatio()));
      }
      if (r[2] > tolerances.secondsRatio() * b[2] && r[2] - b[2] > SECONDS_FLOOR) {
        reasons.add(String.format("%.2fx the seconds to accuracy %.3f (%.1f s, baseline %.1f s; tolerance %.2fx)",
            r[2] / b[2], target, r[2], b[2], tolerances.secondsRatio()));
      }
    }
    return new SpeedChange(target, baseline.size(), bReached, run.size(), rReached, b[1], r[1], b[2], r[2], reasons);
  }

  /** {reached, mean samples, mean seconds} over the trials that reached {@code target}. */
  private static double[] reach(double target, List<TrialRow> trials) {
    int reached = 0;
    double samples = 0;
    double seconds = 0;
    for (TrialRow t : trials) {
      TrialRow.Point p = t.reached(target);
      if (p != null) {
        reached++;
        samples += p.samples();
        seconds += p.seconds();
      }
    }
    return reached == 0 ? new double[] {0, Double.NaN, Double.NaN}
        : new double[] {reached, samples / reached, seconds / reached};
  }
}
