package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.SweepRecord;
import dev.backproplab.jobs.sweep.RunIds;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.SweepFileParser;
import dev.backproplab.jobs.sweep.ExecutorMemory;
import dev.backproplab.jobs.sweep.SweepJob;
import dev.backproplab.jobs.sweep.TaskCores;
import org.apache.spark.SparkConf;
import dev.backproplab.jobs.sweep.SweepSummary;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpl sweep FILE}: runs a sweep, one trial per Spark task, into a results folder. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Run a sweep file: every trial it expands to, one per Spark task, results to",
      "Parquet. Re-running the same file into the same --out resumes (finished trials",
      "are skipped); --fresh starts over under a new sweep id. A second run of a sweep",
      "into a folder while one is going is refused. A method block with tune: is a",
      "hyperparameter search run after the other trials, one Spark job per generation;",
      "a rerun replays its committed trials and runs only the others.",
      "Exit codes: 0 done (failed trials are rows, not errors); 1 failure while",
      "running; 2 bad sweep file, data set or output folder (nothing is written).",
      "With --run-id the file runs as a run of its sweep (sweep id <name>.<run id>): each run keeps",
      "its own results, re-running the same run id resumes it, and bpl compare checks a run against",
      "an earlier one."
    })
final class SweepCommand implements Callable<Integer> {
  private static final DateTimeFormatter FRESH_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The sweep file (YAML), e.g. conf/sweeps/quickstart.yaml; a path or URI.")
  String file;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
      description = "Results folder (path or URI: file://, hdfs://, s3a://). Default: ${DEFAULT-VALUE}.")
  String out;

  @Option(names = "--fresh",
      description = "Start over under a new sweep id (the name plus the UTC time), leaving earlier results as they are.")
  boolean fresh;

  @Option(names = "--run-id", paramLabel = "ID",
      description = {"Run the file as a run of its sweep under this id (the sweep id becomes <name>.<id>;"
          + " earlier runs stay as they are; the same id again resumes the run). Placeholders the CLI fills in:"
          + " {date} (UTC, 2026-11-30), {time} (UTC, 023000), {commit} (the build's git commit, 12 characters),"
          + " {counter} (the next run number in --out). E.g. nightly-{date}."})
  String runId;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2] or spark://host:7077. Default: spark-submit's, else local[*].")
  String master;

  /** The sweep id {@code --fresh} runs under: the name and the UTC time, e.g. {@code quickstart-20261127-101500}. */
  static String freshId(String name, Instant now) {
    return name + "-" + FRESH_STAMP.format(now);
  }

  private SweepSpec freshSweep(SweepSpec parsed) {
    String id = freshId(parsed.name(), Instant.now());
    try {
      return parsed.withName(id);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--fresh: " + e.getMessage() + " (the sweep's name plus the time; shorten"
          + " the name in " + file + ")", e);
    }
  }

  private SweepSpec run(SweepSpec parsed, PrintWriter stdout) {
    List<String> existing = SweepRecord.runs(out, List.of(), Spark.hadoopConfiguration()).stream()
        .map(r -> String.valueOf(r.get("sweep_id"))).toList();
    String id = RunIds.fill(runId, parsed.name(), Instant.now(), BuildInfo.commit(), existing);
    SweepSpec sweep;
    try {
      sweep = parsed.withRun(id);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--run-id '" + runId + "': " + e.getMessage(), e);
    }
    stdout.printf("run %s of sweep %s (sweep id %s)%n", id, parsed.name(), sweep.name());
    return sweep;
  }

  @Override
  public Integer call() throws Exception {
    if (out.isBlank()) {
      throw new InvalidInputException("--out is empty: expected a results folder (a path or URI)");
    }
    Spark.checkMaster(master);
    if (fresh && runId != null) {
      throw new InvalidInputException("--fresh and --run-id exclude each other: --run-id already keeps earlier runs");
    }
    String text = TextFiles.read(file, "sweep file");
    SweepSpec parsed = SweepFileParser.parse(text, file);
    PrintWriter stdout = spec.commandLine().getOut();
    SweepSpec sweep = fresh ? freshSweep(parsed) : runId != null ? run(parsed, stdout) : parsed;
    SweepJob job = new SweepJob(sweep, file, text, new ResultsStore(out), stdout);
    List<TrialSpec> trials = DriverMemory.whileLoading(sweep.dataset(), job::validate);
    SparkConf given = new SparkConf();
    List<TrialSpec> all = java.util.stream.Stream.concat(trials.stream(), job.searchProbes().stream()).toList();
    TaskCores.check(all, master == null ? given : given.clone().set("spark.master", master),
        Runtime.getRuntime().availableProcessors(), file);
    ExecutorMemory memory = ExecutorMemory.of(all, given);
    stdout.println(memory.describe(given.get("spark.executor.memoryOverhead", null)));
    SparkSession spark = Spark.session("bpl sweep " + sweep.name(), master, true, memory.sparkDefaults());
    try {
      spark.sparkContext().uiWebUrl().foreach(url -> stdout.printf("Spark UI: %s%n", url));
      TaskCores.checkExecutors(all, spark.sparkContext(), file);
      SweepSummary summary = job.run(spark, trials);
      summary.print(stdout);
      stdout.println("results: " + out + "   query: bpl query --results " + out + " \"SELECT ...\"");
      stdout.flush();
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }
}
