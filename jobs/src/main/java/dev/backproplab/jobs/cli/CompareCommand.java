package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.compare.RunComparison;
import dev.backproplab.jobs.compare.SweepRuns;
import dev.backproplab.core.sweep.Tolerances;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.store.SweepRecord;
import dev.backproplab.jobs.store.Verdicts;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpl compare}: a run of a sweep against a baseline run, with a verdict a scheduler acts on. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a run of a sweep (bpl sweep FILE --run-id ID) with a baseline run, configuration by",
      "configuration: the change in final validation and test accuracy (a fall counts only beyond the",
      "tolerance and beyond the spread over repeats: Welch's one-sided t test), in samples and seconds",
      "to a target accuracy, and in failed and diverged trials. Tolerances come from the run's sweep",
      "file (its compare: block) and these flags, which win. The verdict is kept in",
      "<results>/verdicts/<sweep>/<run>.yaml; last-good is the newest earlier run whose verdict is",
      "clean (a sweep's first run is clean: nothing to compare with).",
      "Exit codes: 0 clean; 1 failure while running; 2 bad usage or input (no such sweep or run, no",
      "run compared clean yet); 3 regression."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder the runs wrote (--out).")
  String results;

  @Option(names = "--sweep", paramLabel = "NAME", required = true, description = "The sweep's name (name: in its file).")
  String sweep;

  @Option(names = "--run", paramLabel = "RUN", description = "The run to judge. Default: the newest.")
  String run;

  @Option(names = "--baseline", paramLabel = "RUN", defaultValue = "last-good",
      description = "The run to compare with, or last-good: the newest earlier run whose verdict is clean. Default: ${DEFAULT-VALUE}.")
  String baseline;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one object). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--accuracy-drop", paramLabel = "A", description = "A fall in mean accuracy larger than this (and beyond the noise) is a regression. Default: 0.01.")
  Double accuracyDrop;

  @Option(names = "--alpha", paramLabel = "P", description = "Significance level of the noise test. Default: 0.05.")
  Double alpha;

  @Option(names = "--target", paramLabel = "SHARE", description = "Target accuracy for samples/seconds to target, as a share of the baseline's mean validation accuracy. Default: 0.95.")
  Double target;

  @Option(names = "--samples-ratio", paramLabel = "R", description = "More samples to target than R times the baseline's is a regression. Default: 1.25.")
  Double samplesRatio;

  @Option(names = "--seconds-ratio", paramLabel = "R", description = "More seconds to target than R times the baseline's (and over a second more) is a regression. Default: 2.0.")
  Double secondsRatio;

  @Option(names = "--failures", paramLabel = "N", description = "How many more failed, diverged or target-missing trials per configuration pass. Default: 0.")
  Integer failures;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new InvalidInputException("--format '" + format + "' is not known: expected table or json");
    }
    if (!sweep.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new InvalidInputException("--sweep '" + sweep + "': expected a sweep's name (letters, digits, '-', '_')");
    }
    Configuration conf = Spark.hadoopConfiguration();
    List<String> ids = SweepRecord.runs(results, List.of(), conf).stream()
        .map(r -> String.valueOf(r.get("sweep_id")))
        .filter(id -> SweepSpec.runId(id) != null && SweepSpec.baseName(id).equals(sweep)).toList();
    if (ids.isEmpty()) {
      throw new InvalidInputException("no runs of sweep '" + sweep + "' in " + results
          + " (a run is bpl sweep FILE --run-id ID --out " + results + ")");
    }
    RunComparison result;
    Verdicts verdicts = new Verdicts(results, conf);
    try (QueryEngine e = engine.open(results, ids)) {
      SweepRuns runs = new SweepRuns(e, sweep);
      List<SweepRuns.Run> all = runs.list();
      SweepRuns.Run judged = run == null ? newest(all) : find(all, run, "--run");
      SweepRuns.Run base = baseline(all, judged, verdicts.of(sweep));
      result = RunComparison.of(sweep, judged, runs.trials(judged), base, base == null ? List.of() : runs.trials(base),
          baseline.equals("last-good") ? "last-good" : "given", tolerances(judged));
    }
    verdicts.write(sweep, result.run().runId(), result.toMap());
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.equals("json") ? result.json() + System.lineSeparator() : result.table());
    out.flush();
    return result.regressed() ? ExitCodes.REGRESSION : ExitCodes.OK;
  }

  private SweepRuns.Run baseline(List<SweepRuns.Run> all, SweepRuns.Run judged, Map<String, String> verdicts) {
    if (!baseline.equals("last-good")) {
      SweepRuns.Run given = find(all, baseline, "--baseline");
      if (given.equals(judged)) {
        throw new InvalidInputException("--baseline " + baseline + " is the run being judged: give an earlier run");
      }
      return given;
    }
    int at = all.indexOf(judged);
    for (int i = at - 1; i >= 0; i--) {
      if (Verdicts.CLEAN.equals(verdicts.get(all.get(i).runId()))) {
        return all.get(i);
      }
    }
    if (at == 0) {
      return null;
    }
    throw new InvalidInputException("--baseline last-good: no run of '" + sweep + "' before " + judged.runId()
        + " has compared clean yet; give --baseline RUN, one of " + all.subList(0, at).stream()
        .map(SweepRuns.Run::runId).toList());
  }

  private SweepRuns.Run newest(List<SweepRuns.Run> all) {
    if (all.isEmpty()) {
      throw new InvalidInputException("sweep '" + sweep + "' has runs in " + results + " but no trial rows yet");
    }
    return all.get(all.size() - 1);
  }

  private SweepRuns.Run find(List<SweepRuns.Run> all, String id, String option) {
    return all.stream().filter(r -> r.runId().equals(id)).findFirst().orElseThrow(() -> new InvalidInputException(
        option + " " + id + ": no such run of '" + sweep + "' with trial rows in " + results + "; runs: "
            + all.stream().map(SweepRuns.Run::runId).toList()));
  }

  /** The run's sweep file's compare: block, overridden by the flags given. */
  private Tolerances tolerances(SweepRuns.Run judged) {
    String record = results + "/sweeps/" + judged.sweepId() + ".yaml";
    Object source = new Yaml().<Map<String, Object>>load(TextFiles.read(record, "sweep record")).get("source");
    Tolerances t = source instanceof String text
        ? SweepFileParser.tolerances(text, "the sweep file of run " + judged.runId() + " (" + record + ")")
        : Tolerances.DEFAULT;
    return new Tolerances(
        accuracyDrop != null ? accuracyDrop : t.accuracyDrop(), alpha != null ? alpha : t.alpha(),
        target != null ? target : t.target(), samplesRatio != null ? samplesRatio : t.samplesRatio(),
        secondsRatio != null ? secondsRatio : t.secondsRatio(), failures != null ? failures : t.failures());
  }
}
