package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.bench.DfoBench;
import dev.backproplab.jobs.bench.Machine;
import dev.backproplab.jobs.bench.RulesBench;
import dev.backproplab.jobs.bench.SweepBench;
import dev.backproplab.jobs.bench.TrainBench;
import dev.backproplab.jobs.sweep.Threads;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpl bench [SUITE]}: benchmarks that print ratios against a baseline measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark and print its table. Suites:",
      "  train  the MLP 784-256-256-10 (batch 128, Adam 1e-3, float32) trained by this project's",
      "         engine and by DL4J's MultiLayerNetwork in the same JVM, interleaved rounds;",
      "         samples/s, their ratio, and the share of the GEMM-only bound measured in the run.",
      "  sweep  the sweep job's overhead per trial (near-empty trials on local[1] against the same",
      "         trials run one after another in this JVM) and its parallel efficiency on local[N]",
      "         (--trials trials of --trial-seconds each against the ideal trials*seconds/N).",
      "  dfo    derivative-free optimizers: CMA-ES evaluations to f < 1e-8 against pycma's medians;",
      "         this CMA-ES against Commons Math's CMAESOptimizer (evaluations, ms per generation at",
      "         n = 10, 100, 1000); sep-CMA-ES and ES at n = 100,000 (time and memory per generation);",
      "         stacked population evaluation against one candidate at a time; bytes per generation of",
      "         bpl search against shipping every candidate (starts a local Spark session).",
      "         --rounds sets the seeds of the Commons Math table; the pycma table uses the 10 seeds",
      "         its pycma medians were measured on (conf/bench/pycma_reference.py).",
      "  rules  time per training step of every credit-assignment rule (fa, dfa, arbp, asrbp,",
      "         sparse-rbp, sign-symmetry, low-bit errors) on the same MLP and optimizer, relative",
      "         to bp in the same run, interleaved rounds; diagnostics off and on."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SUITE", defaultValue = "train", description = "The suite: train, rules, sweep or dfo. Default: ${DEFAULT-VALUE}.")
  String suite;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per implementation. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--seconds", defaultValue = "3", description = "Seconds per round. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(names = "--parts", split = ",", defaultValue = "pycma,commons-math,large,population,distributed",
      description = "dfo only: which tables. Default: ${DEFAULT-VALUE}.")
  java.util.List<String> parts;

  @Option(names = "--threads", defaultValue = "1", description = "BLAS threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--diagnostics-every", defaultValue = "10",
      description = "rules: steps between diagnostics in the 'on' columns. Default: ${DEFAULT-VALUE}.")
  int diagnosticsEvery;

  @Option(names = "--empty-trials", defaultValue = "200", description = "sweep: near-empty trials for the overhead. Default: ${DEFAULT-VALUE}.")
  int emptyTrials;

  @Option(names = "--trials", defaultValue = "200", description = "sweep: timed trials for the efficiency. Default: ${DEFAULT-VALUE}.")
  int timedTrials;

  @Option(names = "--trial-seconds", defaultValue = "1", description = "sweep: seconds per timed trial. Default: ${DEFAULT-VALUE}.")
  double trialSeconds;

  @Option(names = "--cores", defaultValue = "2", description = "sweep: local[N] for the efficiency. Default: ${DEFAULT-VALUE}.")
  int cores;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || !(seconds > 0) || threads < 1 || emptyTrials < 1 || timedTrials < 1 || !(trialSeconds > 0)
        || cores < 1 || diagnosticsEvery < 1) {
      throw new InvalidInputException("--rounds, --seconds, --threads, --empty-trials, --trials, --trial-seconds,"
          + " --cores and --diagnostics-every must be positive");
    }
    Threads.useBlasThreads(threads);
    PrintWriter out = spec.commandLine().getOut();
    return switch (suite) {
      case "train" -> train(out);
      case "sweep" -> sweep(out);
      case "rules" -> rules(out);
      case "dfo" -> dfo(out);
      default -> throw new InvalidInputException(
          "unknown bench suite '" + suite + "': expected train, rules, sweep or dfo");
    };
  }

  private int sweep(PrintWriter out) throws Exception {
    out.println("bench sweep on " + Machine.describe());
    SweepBench.Report r;
    SparkSession one = Spark.session("bpl bench sweep (1 core)", "local[1]", false);
    try {
      SweepBench bench = new SweepBench(emptyTrials, timedTrials, trialSeconds);
      // the two measurements need sessions of different sizes: one after the other
      r = bench.runOverhead(one);
    } finally {
      one.stop();
    }
    SparkSession all = Spark.session("bpl bench sweep (" + cores + " cores)", "local[" + cores + "]", false);
    try {
      r = new SweepBench(emptyTrials, timedTrials, trialSeconds).runEfficiency(all, cores, r);
    } finally {
      all.stop();
    }
    out.printf("%noverhead: %d near-empty trials (one 16-sample step each)%n", r.emptyTrials());
    out.printf("  in this JVM, one after another: %8.2f s  (%.1f ms per trial)%n", r.sequentialSeconds(),
        1000 * r.sequentialSeconds() / r.emptyTrials());
    out.printf("  sweep job on local[1]:          %8.2f s  (%.1f ms per trial)%n", r.jobSeconds(),
        1000 * r.jobSeconds() / r.emptyTrials());
    out.printf("  overhead of the job:            %8.1f ms per trial (Spark task, data cache, two Parquet commits)%n",
        r.overheadMsPerTrial());
    out.printf("%nparallel efficiency: %d trials of %.1f s on local[%d]%n", r.timedTrials(), r.trialSeconds(), r.cores());
    out.printf("  ideal %.1f s, measured %.1f s: efficiency %.1f%%%n", r.idealParallelSeconds(),
        r.parallelSeconds(), 100 * r.parallelEfficiency());
    out.flush();
    return ExitCodes.OK;
  }

  private int rules(PrintWriter out) {
    out.println("bench rules on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    out.printf("MLP 784-256-256-10 relu, batch 128, Adam(1e-3), float32; %d rounds of %.1f s per rule and"
        + " setting, interleaved; diagnostics on = every %d steps%n", rounds, seconds, diagnosticsEvery);
    List<RulesBench.Row> rows = new RulesBench(new int[] {784, 256, 256, 10}, 128, rounds, seconds,
        diagnosticsEvery, RulesBench.defaultVariants()).run();
    double bp = rows.get(0).msOff();
    out.printf("%n%-24s %12s %9s %12s %9s %14s%n", "rule", "ms/step off", "vs bp", "ms/step on", "vs bp",
        "on / off");
    for (RulesBench.Row row : rows) {
      out.printf("%-24s %12.3f %8.2fx %12.3f %8.2fx %13.2fx%n", row.label(), row.msOff(), row.msOff() / bp,
          row.msOn(), row.msOn() / bp, row.msOn() / row.msOff());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private int train(PrintWriter out) {
    out.println("bench train on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    out.printf("MLP 784-256-256-10, batch 128, Adam(1e-3), float32; %d rounds of %.1f s each, interleaved%n",
        rounds, seconds);
    TrainBench.Report r = new TrainBench(new int[] {784, 256, 256, 10}, 128, rounds, seconds).run();
    double bound = r.gemmBound().median();
    double dl4j = r.dl4j().median();
    out.printf("%n%-24s %12s %21s %9s %15s%n", "implementation", "samples/s", "(min .. max)", "vs DL4J", "of GEMM bound");
    for (TrainBench.Measure m : new TrainBench.Measure[] {r.engine(), r.dl4j(), r.gemmBound()}) {
      out.printf("%-24s %,12.0f %,10.0f .. %,8.0f %8.2fx %14.0f%%%n", m.name(), m.median(), m.min(), m.max(),
          m.median() / dl4j, 100 * m.median() / bound);
    }
    double engineGflops = r.engine().median() * r.flopsPerSample() / 1e9;
    out.printf("%nSGEMM 1024^3: %.1f GFLOP/s; the network costs %.2f MFLOP per sample, so the engine runs%n"
        + "at %.1f GFLOP/s (%.0f%% of SGEMM 1024^3) and DL4J at %.1f GFLOP/s (%.0f%%).%n",
        r.sgemmGflops(), r.flopsPerSample() / 1e6, engineGflops, 100 * engineGflops / r.sgemmGflops(),
        dl4j * r.flopsPerSample() / 1e9, 100 * dl4j * r.flopsPerSample() / 1e9 / r.sgemmGflops());
    out.printf("engine / DL4J = %.2fx%n", r.engine().median() / dl4j);
    out.flush();
    return ExitCodes.OK;
  }

  private Integer dfo(PrintWriter out) throws Exception {
    out.println("bench dfo on " + Machine.describe() + ", " + threads + " BLAS thread(s)");
    java.util.List<String> known = java.util.List.of("pycma", "commons-math", "large", "population", "distributed");
    for (String p : parts) {
      if (!known.contains(p)) {
        throw new InvalidInputException("unknown --parts entry '" + p + "': expected some of " + known);
      }
    }
    DfoBench bench = new DfoBench(out);
    if (parts.contains("pycma")) {
      bench.pycma();
    }
    if (parts.contains("commons-math")) {
      bench.commonsMath(rounds);
    }
    if (parts.contains("large")) {
      bench.large(100_000, 10);
    }
    if (parts.contains("population")) {
      bench.populationEvaluation(7);
    }
    if (parts.contains("distributed")) {
      SparkSession spark = Spark.session("bpl bench dfo", "local[2]", false);
      try {
        bench.distributed(spark, 2);
      } finally {
        spark.stop();
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
