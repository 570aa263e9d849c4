package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The trials one run of a sweep finished, grouped by configuration (method and the parameters that
 * vary; repeats over seeds fall in one group).
 */
public record SweepSummary(List<TrialOutcome> outcomes, Map<String, List<TrialOutcome>> byConfiguration) {

  /** Number of trials that ended with {@code status}. */
  public long count(TrialStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /**
   * Prints a table of configurations ranked by mean final validation accuracy, with the mean test
   * accuracy beside it: the ranking never looks at the test split, which is only reported.
   */
  public void print(PrintWriter out) {
    if (outcomes.isEmpty()) {
      out.println("nothing to run: every trial of this sweep is already in the results");
      return;
    }
    record Row(String config, int n, int ok, double[] val, double[] test, double seconds) {}
    List<Row> rows = new ArrayList<>();
    byConfiguration.forEach((config, os) -> {
      int ok = (int) os.stream().filter(o -> o.status() == TrialStatus.COMPLETED).count();
      double secs = os.stream().mapToDouble(TrialOutcome::wallSeconds).average().orElse(0);
      rows.add(new Row(config, os.size(), ok, meanSd(os, TrialOutcome::valAccuracy),
          meanSd(os, TrialOutcome::testAccuracy), secs));
    });
    rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.val[0]) ? -1 : r.val[0]).reversed());
    int w = Math.max(13, rows.stream().mapToInt(r -> r.config.length()).max().orElse(0));
    out.printf("%n%-" + w + "s  %6s  %9s  %-17s  %-17s  %8s%n", "configuration", "trials", "completed",
        "val acc (mean±sd)", "test acc (mean±sd)", "time (s)");
    for (Row r : rows) {
      out.printf("%-" + w + "s  %6d  %9d  %-17s  %-17s  %8.1f%n", r.config, r.n, r.ok, text(r.val),
          text(r.test), r.seconds);
    }
    if (!rows.isEmpty() && !Double.isNaN(rows.get(0).val[0])) {
      out.printf("best configuration by validation accuracy: %s (test accuracy %s)%n", rows.get(0).config,
          text(rows.get(0).test));
    }
    out.printf("%d trials: %d completed, %d diverged, %d failed, %d timed out, %d stopped%n",
        outcomes.size(), count(TrialStatus.COMPLETED), count(TrialStatus.DIVERGED),
        count(TrialStatus.FAILED), count(TrialStatus.TIMED_OUT), count(TrialStatus.STOPPED));
    out.flush();
  }

  /** Mean and sample standard deviation of the measured (non-NaN) values. */
  private static double[] meanSd(List<TrialOutcome> os, ToDoubleFunction<TrialOutcome> f) {
    double[] v = os.stream().mapToDouble(f).filter(a -> !Double.isNaN(a)).toArray();
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double var = 0;
    for (double a : v) {
      var += (a - mean) * (a - mean);
    }
    return new double[] {mean, v.length > 1 ? Math.sqrt(var / (v.length - 1)) : 0.0};
  }

  private static String text(double[] meanSd) {
    return Double.isNaN(meanSd[0]) ? "-" : String.format("%.4f ± %.4f", meanSd[0], meanSd[1]);
  }
}
