package dev.backproplab.jobs.compare;

import dev.backproplab.core.sweep.Tolerances;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The change of one accuracy (validation or test) of one configuration between the baseline and the
 * run, over their repeats, and whether it is a regression: the mean fell by more than the tolerance
 * <em>and</em> by more than the seed-to-seed noise can explain, by Welch's one-sided t test (Welch,
 * 1947, "The generalization of 'Student's' problem when several different population variances are
 * involved"): {@code t = fall / sqrt(s_b^2/n_b + s_r^2/n_r)} on Welch-Satterthwaite degrees of freedom,
 * a regression when {@code p < alpha}. With one repeat on either side there is no spread to judge the
 * noise by, and the tolerance alone decides ({@code p} is NaN).
 *
 * @param baseline the baseline's repeats
 * @param run the run's repeats
 * @param change the run's mean minus the baseline's (negative: it fell); NaN when either has no value
 * @param p the one-sided p-value of the fall (NaN when not tested)
 * @param regressed whether this is a regression
 */
public record AccuracyChange(Stats baseline, Stats run, double change, double p, boolean regressed) {

  /** Mean, sample standard deviation and count of the finite values. */
  public record Stats(int n, double mean, double sd) {
    static Stats of(double[] values) {
      double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
      if (v.length == 0) {
        return new Stats(0, Double.NaN, Double.NaN);
      }
      double mean = Arrays.stream(v).average().orElseThrow();
      double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
      return new Stats(v.length, mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN);
    }
  }

  /** Compares the {@code baseline} and {@code run} values under {@code tolerances}. */
  static AccuracyChange of(double[] baseline, double[] run, Tolerances tolerances) {
    Stats b = Stats.of(baseline);
    Stats r = Stats.of(run);
    if (b.n() == 0 || r.n() == 0) {
      return new AccuracyChange(b, r, Double.NaN, Double.NaN, false);
    }
    double change = r.mean() - b.mean();
    double fall = -change;
    if (fall <= tolerances.accuracyDrop()) {
      return new AccuracyChange(b, r, change, Double.NaN, false);
    }
    if (b.n() < 2 || r.n() < 2) {
      return new AccuracyChange(b, r, change, Double.NaN, true);
    }
    double p = welchOneSided(fall, b, r);
    return new AccuracyChange(b, r, change, p, p < tolerances.alpha());
  }

  /** The p-value of a fall this large if both means were equal; 0 when neither varies. */
  static double welchOneSided(double fall, Stats b, Stats r) {
    double vb = b.sd() * b.sd() / b.n();
    double vr = r.sd() * r.sd() / r.n();
    double se2 = vb + vr;
    if (se2 == 0) {
      return 0;
    }
    double df = se2 * se2 / (vb * vb / (b.n() - 1) + vr * vr / (r.n() - 1));
    return 1 - new TDistribution(null, df).cumulativeProbability(fall / Math.sqrt(se2));
  }
}
