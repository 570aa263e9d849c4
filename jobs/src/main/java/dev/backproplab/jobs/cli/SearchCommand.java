package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.search.SearchJob;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpl search FILE}: one large derivative-free run, each generation evaluated on the executors. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Run one derivative-free trial (cmaes, sep-cmaes, ga, nelder-mead, sa, es)",
      "with its optimizer on the driver and each generation's candidates evaluated",
      "by Spark executors, one Spark job per generation. For es, and for ga with",
      "'encoding: seeds', only seeds cross the network: the mean (es) or initial",
      "point (ga) is broadcast and executors regenerate each candidate from its",
      "seeds; other methods ship their candidate vectors.",
      "FILE is a sweep file that expands to exactly one trial (one method block,",
      "no grid or random search, repeats 1). Results go to the same trials and",
      "curves tables as bpl sweep's and equal the in-process run of the same trial.",
      "See docs/adr/0007-distributed-population-search.md.",
      "Exit codes: 0 done (a failed or diverged trial is a row); 1 failure while",
      "running; 2 bad input (nothing is written)."
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The search file (sweep YAML with one trial), a path or URI.")
  String file;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
      description = "Results folder (path or URI). Default: ${DEFAULT-VALUE}.")
  String out;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2] or spark://host:7077. Default: spark-submit's, else local[*].")
  String master;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
      description = "Tasks per generation; 0 for Spark's default parallelism. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Override
  public Integer call() throws Exception {
    if (partitions < 0) {
      throw new InvalidInputException("--partitions must be >= 0, got " + partitions);
    }
    String text = TextFiles.read(file, "search file");
    SweepSpec sweep = SweepFileParser.parse(text, file);
    PrintWriter stdout = spec.commandLine().getOut();
    SearchJob job = new SearchJob(sweep, file, text, new ResultsStore(out), stdout);
    TrialSpec trial = job.validate();
    SparkSession spark = Spark.session("bpl search " + sweep.name(), master, true);
    try {
      int tasks = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
      SearchJob.Outcome o = job.run(spark, trial, tasks);
      TrialResult r = o.result();
      stdout.printf("%s %s: %s, validation accuracy %.4f (best %.4f), test accuracy %.4f, %,d samples seen,"
          + " %.1f s%n", trial.trialId(), trial.method(), r.status(), r.finalValAccuracy(), r.bestValAccuracy(),
          r.finalTestAccuracy(),
          r.samplesSeen(), r.wallSeconds());
      if (r.error() != null) {
        stdout.println("  error: " + r.error().lines().findFirst().orElse(""));
      }
      stdout.printf("traffic per generation (%d generations, %d tasks each): sent %,.0f bytes,"
          + " received %,.0f bytes; shipping every candidate (n x lambda x 8) would send %,.0f bytes"
          + " (%.0fx)%n", o.generations(), tasks, o.bytesSentPerGeneration(),
          o.bytesReceivedPerGeneration(), o.naiveBytesPerGeneration(),
          o.naiveBytesPerGeneration() / Math.max(1, o.bytesSentPerGeneration()));
      stdout.println("results: " + out);
      stdout.flush();
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }
}
