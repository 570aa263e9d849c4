package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The trials one run of a sweep finished, grouped by configuration (method and the parameters that
 * vary; repeats over seeds fall in one group).
 */
public record SweepSummary(List<TrialOutcome> outcomes, Map<String, List<TrialOutcome>> byConfiguration) {

  /** Number of trials that ended with {@code status}. */
  public long count(TrialStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** Prints a table of configurations, best mean test accuracy first. */
  public void print(PrintWriter out) {
    if (outcomes.isEmpty()) {
      out.println("nothing to run: every trial of this sweep is already in the results");
      return;
    }
    record Row(String config, int n, int ok, double mean, double std, double best, double seconds) {}
    List<Row> rows = new ArrayList<>();
    byConfiguration.forEach((config, os) -> {
      double[] acc = os.stream().mapToDouble(TrialOutcome::testAccuracy).filter(a -> !Double.isNaN(a)).toArray();
      double mean = acc.length == 0 ? Double.NaN : java.util.Arrays.stream(acc).average().orElse(Double.NaN);
      double var = 0;
      for (double a : acc) {
        var += (a - mean) * (a - mean);
      }
      double std = acc.length > 1 ? Math.sqrt(var / (acc.length - 1)) : 0.0;
      double best = java.util.Arrays.stream(acc).max().orElse(Double.NaN);
      int ok = (int) os.stream().filter(o -> o.status() == TrialStatus.COMPLETED).count();
      double secs = os.stream().mapToDouble(TrialOutcome::wallSeconds).average().orElse(0);
      rows.add(new Row(config, os.size(), ok, mean, std, best, secs));
    });
    rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.mean) ? -1 : r.mean).reversed());
    int w = Math.max(13, rows.stream().mapToInt(r -> r.config.length()).max().orElse(0));
    out.printf("%n%-" + w + "s  %6s  %9s  %-17s  %9s  %8s%n", "configuration", "trials", "completed",
        "test acc (mean±sd)", "best acc", "time (s)");
    for (Row r : rows) {
      out.printf("%-" + w + "s  %6d  %9d  %-17s  %9s  %8.1f%n", r.config, r.n, r.ok,
          Double.isNaN(r.mean) ? "-" : String.format("%.4f ± %.4f", r.mean, r.std),
          Progress.accuracy(r.best), r.seconds);
    }
    out.printf("%d trials: %d completed, %d diverged, %d failed, %d timed out, %d stopped%n",
        outcomes.size(), count(TrialStatus.COMPLETED), count(TrialStatus.DIVERGED),
        count(TrialStatus.FAILED), count(TrialStatus.TIMED_OUT), count(TrialStatus.STOPPED));
    out.flush();
  }
}
