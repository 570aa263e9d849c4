package dev.backproplab.jobs.compare;

import dev.backproplab.core.sweep.Tolerances;
import dev.backproplab.jobs.query.Json;
import dev.backproplab.jobs.sweep.VaryingParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code bpl compare} reports: which run of which sweep against which baseline, under which
 * tolerances, the {@link Comparison}, and the verdict, as a table for people and as JSON (the same
 * content, also what the verdict file keeps) for tools.
 *
 * @param sweep the sweep's name
 * @param run the compared run
 * @param baseline the baseline run, or null for a first run (nothing to compare with: clean)
 * @param baselineChoice how the baseline was chosen: {@code last-good} or {@code given}
 * @param tolerances the tolerances applied
 * @param comparison the comparison (empty without a baseline)
 * @param notes what the reader should know beyond the table: a changed data set, a changed commit
 */
public record RunComparison(String sweep, SweepRuns.Run run, SweepRuns.Run baseline, String baselineChoice,
    Tolerances tolerances, Comparison comparison, List<String> notes) {
  public RunComparison {
    notes = List.copyOf(notes);
  }

  /** Compares {@code run} with {@code baseline} (null: none) over their trials. */
  public static RunComparison of(String sweep, SweepRuns.Run run, List<TrialRow> runTrials, SweepRuns.Run baseline,
      List<TrialRow> baselineTrials, String baselineChoice, Tolerances tolerances) {
    List<String> notes = new ArrayList<>();
    Comparison comparison = new Comparison(List.of(), List.of());
    if (baseline == null) {
      notes.add("the first run of " + sweep + ": nothing to compare with, so it is clean and the baseline of the next");
    } else {
      comparison = Comparison.of(baselineTrials, runTrials, tolerances);
      if (run.datasetSha256() != null && !run.datasetSha256().equals(baseline.datasetSha256())) {
        notes.add("the data set changed: sha256 " + baseline.datasetSha256() + " in the baseline, "
            + run.datasetSha256() + " in the run");
      }
      if (run.gitCommit() != null && !run.gitCommit().equals(baseline.gitCommit())) {
        notes.add("the code changed: commit " + baseline.gitCommit() + " in the baseline, " + run.gitCommit() + " in the run");
      }
      notes.addAll(comparison.notes());
    }
    return new RunComparison(sweep, run, baseline, baselineChoice, tolerances, comparison, notes);
  }

  /** Whether the run regressed against its baseline. */
  public boolean regressed() {
    return comparison.regressed();
  }

  /** The verdict: {@code clean} or {@code regression}. */
  public String verdict() {
    return regressed() ? "regression" : "clean";
  }

  /** The whole comparison as plain maps and lists (the JSON form and the verdict file). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep", sweep);
    m.put("run", runMap(run));
    m.put("baseline", baseline == null ? null : runMap(baseline));
    m.put("baseline_choice", baselineChoice);
    m.put("verdict", verdict());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("accuracy_drop", tolerances.accuracyDrop());
    t.put("alpha", tolerances.alpha());
    t.put("target", tolerances.target());
    t.put("samples_ratio", tolerances.samplesRatio());
    t.put("seconds_ratio", tolerances.secondsRatio());
    t.put("failures", tolerances.failures());
    m.put("tolerances", t);
    List<Object> configurations = new ArrayList<>();
    for (ConfigurationChange c : comparison.changes()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("method", c.method());
      cm.put("configuration", c.configuration());
      cm.put("regressed", c.regressed());
      cm.put("reasons", c.reasons());
      cm.put("validation_accuracy", accuracyMap(c.validation()));
      cm.put("test_accuracy", accuracyMap(c.test()));
      SpeedChange s = c.speed();
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("target_accuracy", finite(s.target()));
      sm.put("baseline_reached", s.baselineReached());
      sm.put("baseline_trials", s.baselineTrials());
      sm.put("run_reached", s.runReached());
      sm.put("run_trials", s.runTrials());
      sm.put("baseline_samples", finite(s.baselineSamples()));
      sm.put("run_samples", finite(s.runSamples()));
      sm.put("baseline_seconds", finite(s.baselineSeconds()));
      sm.put("run_seconds", finite(s.runSeconds()));
      cm.put("to_target", sm);
      cm.put("failed", Map.of("baseline", c.baselineFailed(), "run", c.runFailed()));
      cm.put("diverged", Map.of("baseline", c.baselineDiverged(), "run", c.runDiverged()));
      configurations.add(cm);
    }
    m.put("configurations", configurations);
    m.put("notes", notes);
    return m;
  }

  /** The JSON form: one object. */
  public String json() {
    return Json.of(toMap());
  }

  /** The table form, with the verdict on its last line. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "bpl compare %s: run %s (started %s, commit %s)%n", sweep, run.runId(),
        run.startedAt(), shortCommit(run.gitCommit())));
    if (baseline != null) {
      b.append(String.format(Locale.ROOT, "  against %s (%s; started %s, commit %s)%n", baseline.runId(),
          baselineChoice, baseline.startedAt(), shortCommit(baseline.gitCommit())));
      b.append(String.format(Locale.ROOT, "  tolerances: accuracy fall > %.4f and Welch one-sided p < %.3g over the"
              + " repeats; target %.0f%% of the baseline's accuracy; samples %.2fx, seconds %.2fx; failures +%d%n",
          tolerances.accuracyDrop(), tolerances.alpha(), 100 * tolerances.target(), tolerances.samplesRatio(),
          tolerances.secondsRatio(), tolerances.failures()));
      b.append(String.format(Locale.ROOT, "%-14s %-13s %-29s %-29s %-19s %-19s %-7s %-8s %s%n", "method", "repeats",
          "val acc (base > run)", "test acc (base > run)", "samples to target", "seconds to target", "failed",
          "diverged", "configuration (what differs)"));
      Map<String, List<Map<String, String>>> byMethod = new LinkedHashMap<>();
      comparison.changes().forEach(c -> byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c.params()));
      Map<String, Set<String>> varying = VaryingParams.of(byMethod);
      for (ConfigurationChange c : comparison.changes()) {
        SpeedChange s = c.speed();
        b.append(String.format(Locale.ROOT, "%-14s %-13s %-29s %-29s %-19s %-19s %-7s %-8s %s%n",
            (c.regressed() ? "! " : "  ") + c.method(), c.validation().baseline().n() + "/" + s.baselineTrials() + " > "
                + c.validation().run().n() + "/" + s.runTrials(),
            accuracy(c.validation()), accuracy(c.test()),
            String.format(Locale.ROOT, "%s > %s", count(s.baselineSamples()), count(s.runSamples())),
            String.format(Locale.ROOT, "%s > %s", seconds(s.baselineSeconds()), seconds(s.runSeconds())),
            c.baselineFailed() + " > " + c.runFailed(), c.baselineDiverged() + " > " + c.runDiverged(),
            label(c, varying.get(c.method()))));
        c.reasons().forEach(r -> b.append("      regression: ").append(r).append('\n'));
      }
    }
    notes.forEach(n -> b.append("note: ").append(n).append('\n'));
    long regressed = comparison.changes().stream().filter(ConfigurationChange::regressed).count();
    b.append(regressed() ? String.format(Locale.ROOT, "verdict: REGRESSION in %d of %d configurations%n", regressed,
        comparison.changes().size()) : String.format(Locale.ROOT, "verdict: clean (%d configurations compared)%n",
        comparison.changes().size()));
    return b.toString();
  }

  /** The parameters that tell the method's configurations apart (the JSON form has the whole configuration). */
  private static String label(ConfigurationChange c, Set<String> varying) {
    if (varying.isEmpty()) {
      return "(the only one)";
    }
    StringBuilder b = new StringBuilder();
    new TreeSet<>(varying).forEach(k -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(c.params().get(k)));
    return b.toString();
  }

  private static Map<String, Object> runMap(SweepRuns.Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", r.runId());
    m.put("sweep_id", r.sweepId());
    m.put("started_at", r.startedAt());
    m.put("git_commit", r.gitCommit());
    m.put("dataset_sha256", r.datasetSha256());
    m.put("trials", r.trials());
    return m;
  }

  private static Map<String, Object> accuracyMap(AccuracyChange a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baseline_mean", finite(a.baseline().mean()));
    m.put("baseline_sd", finite(a.baseline().sd()));
    m.put("baseline_n", a.baseline().n());
    m.put("run_mean", finite(a.run().mean()));
    m.put("run_sd", finite(a.run().sd()));
    m.put("run_n", a.run().n());
    m.put("change", finite(a.change()));
    m.put("p", finite(a.p()));
    m.put("regressed", a.regressed());
    return m;
  }

  /** A number, or null when not finite (YAML and JSON alike). */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String accuracy(AccuracyChange a) {
    if (Double.isNaN(a.change())) {
      return "-";
    }
    String sd = Double.isNaN(a.baseline().sd()) ? "" : String.format(Locale.ROOT, "±%.3f", a.baseline().sd());
    return String.format(Locale.ROOT, "%.3f%s > %.3f (%+.3f)", a.baseline().mean(), sd, a.run().mean(), a.change());
  }

  private static String count(double v) {
    return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String seconds(double v) {
    return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%.1f s", v);
  }

  private static String shortCommit(String commit) {
    return commit == null ? "unknown" : commit.substring(0, Math.min(12, commit.length()));
  }
}
