package dev.backproplab.jobs.compare;

import dev.backproplab.core.sweep.Tolerances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The comparison of a run of a sweep with a baseline run, configuration by configuration (see {@link
 * #of}), and its verdict: a regression when any configuration regressed.
 *
 * @param changes the configurations both runs have, by method and configuration
 * @param notes what the verdict does not count: configurations only one run has
 */
public record Comparison(List<ConfigurationChange> changes, List<String> notes) {
  public Comparison {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  /** Whether any configuration regressed. */
  public boolean regressed() {
    return changes.stream().anyMatch(ConfigurationChange::regressed);
  }

  /**
   * Compares the trials of {@code run} with those of {@code baseline}, matched by method and
   * configuration. For each configuration both have, a regression is (each under {@code tolerances}):
   * a fall of the mean final validation or test accuracy beyond the tolerance and beyond the noise
   * ({@link AccuracyChange}); more trials missing the target accuracy, or more samples or seconds to
   * reach it ({@link SpeedChange}); more failed or more diverged trials.
   */
  public static Comparison of(List<TrialRow> baseline, List<TrialRow> run, Tolerances tolerances) {
    Map<String, List<TrialRow>> base = group(baseline);
    Map<String, List<TrialRow>> now = group(run);
    List<ConfigurationChange> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<TrialRow>> e : now.entrySet()) {
      List<TrialRow> b = base.get(e.getKey());
      TrialRow first = e.getValue().get(0);
      if (b == null) {
        notes.add("new in the run (not compared): " + first.method() + " " + first.configuration());
      } else {
        changes.add(change(b, e.getValue(), tolerances));
      }
    }
    base.forEach((key, trials) -> {
      if (!now.containsKey(key)) {
        notes.add("not in the run (not compared): " + trials.get(0).method() + " " + trials.get(0).configuration());
      }
    });
    return new Comparison(changes, notes);
  }

  private static ConfigurationChange change(List<TrialRow> b, List<TrialRow> r, Tolerances tolerances) {
    AccuracyChange val = AccuracyChange.of(values(b, TrialRow::valAccuracy), values(r, TrialRow::valAccuracy), tolerances);
    AccuracyChange test = AccuracyChange.of(values(b, TrialRow::testAccuracy), values(r, TrialRow::testAccuracy),
        tolerances);
    double level = val.baseline().n() > 0 ? val.baseline().mean() : test.baseline().mean();
    SpeedChange speed = SpeedChange.of(tolerances.target() * level, b, r, tolerances);
    List<String> reasons = new ArrayList<>();
    accuracy(reasons, "validation", val, tolerances);
    accuracy(reasons, "test", test, tolerances);
    reasons.addAll(speed.reasons());
    int bFailed = (int) b.stream().filter(TrialRow::failed).count();
    int rFailed = (int) r.stream().filter(TrialRow::failed).count();
    int bDiverged = (int) b.stream().filter(TrialRow::diverged).count();
    int rDiverged = (int) r.stream().filter(TrialRow::diverged).count();
    if (rFailed > bFailed + tolerances.failures()) {
      reasons.add(String.format("%d failed or timed-out trials (baseline %d)", rFailed, bFailed));
    }
    if (rDiverged > bDiverged + tolerances.failures()) {
      reasons.add(String.format("%d diverged trials (baseline %d)", rDiverged, bDiverged));
    }
    TrialRow first = r.get(0);
    return new ConfigurationChange(first.method(), first.configuration(), first.params(), val, test, speed, bFailed, rFailed,
        bDiverged, rDiverged, reasons);
  }

  private static void accuracy(List<String> reasons, String which, AccuracyChange c, Tolerances tolerances) {
    if (c.regressed()) {
      reasons.add(String.format("%s accuracy fell %.4f (%.4f -> %.4f; tolerance %.4f, %s)", which, -c.change(),
          c.baseline().mean(), c.run().mean(), tolerances.accuracyDrop(),
          Double.isNaN(c.p()) ? "one repeat: no spread to judge the noise by"
              : String.format("Welch p = %.2g < alpha %.2g", c.p(), tolerances.alpha())));
    }
  }

  private static double[] values(List<TrialRow> trials, Function<TrialRow, Double> metric) {
    return trials.stream().map(metric).mapToDouble(v -> v == null ? Double.NaN : v).toArray();
  }

  private static Map<String, List<TrialRow>> group(List<TrialRow> trials) {
    Map<String, List<TrialRow>> out = new TreeMap<>();
    for (TrialRow t : trials) {
      out.computeIfAbsent(t.method() + "\n" + t.configuration(), k -> new ArrayList<>()).add(t);
    }
    return new LinkedHashMap<>(out);
  }
}
