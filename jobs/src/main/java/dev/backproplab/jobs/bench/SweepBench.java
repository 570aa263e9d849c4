package dev.backproplab.jobs.bench;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.sweep.MethodBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.sweep.SweepJob;
import dev.backproplab.jobs.sweep.TaskEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The cost of the sweep job itself, measured against the same trials run in one JVM:
 *
 * <ul>
 *   <li>overhead per trial: many near-empty trials (one minibatch step each) through the sweep job on
 *       one core, against the same trials run one after another with {@link TrialRunner} in this
 *       process (no Spark, no Parquet);
 *   <li>parallel efficiency: trials of a fixed wall time ({@code budget: {seconds: s}}) through the
 *       job on the session's cores, against the ideal {@code trials * s / cores}.
 * </ul>
 */
public final class SweepBench {
  /**
   * Where the overhead goes, each part timed alone over the same number of trials, in ms per trial:
   * a bare Spark task (an empty task of a job with one task per trial), the data cache lookup, and
   * the commit (the curve's and the trial row's Parquet files, each written and renamed into place).
   */
  public record Breakdown(double sparkTaskMs, double dataCacheMs, double commitMs) {}

  /** What one run measured. */
  public record Report(
      int emptyTrials, double sequentialSeconds, double jobSeconds, Breakdown breakdown, int timedTrials,
      double trialSeconds, int cores, double parallelSeconds) {

    /** Milliseconds the job adds per trial. */
    public double overheadMsPerTrial() {
      return 1000 * (jobSeconds - sequentialSeconds) / emptyTrials;
    }

    public double idealParallelSeconds() {
      return timedTrials * trialSeconds / cores;
    }

    public double parallelEfficiency() {
      return idealParallelSeconds() / parallelSeconds;
    }
  }

  private final int emptyTrials;
  private final int timedTrials;
  private final double trialSeconds;

  public SweepBench(int emptyTrials, int timedTrials, double trialSeconds) {
    this.emptyTrials = emptyTrials;
    this.timedTrials = timedTrials;
    this.trialSeconds = trialSeconds;
  }

  /** The overhead measurement, on a local[1] session; the efficiency fields of the report are 0. */
  public Report runOverhead(SparkSession oneCore) throws IOException {
    SweepSpec empty = sweep("bench-empty", emptyTrials, new Budget(null, 16L, null));
    List<TrialSpec> trials = SweepExpander.expand(empty, Catalogue.METHODS, "bench");
    DataSplit data = DataCache.get("digits");
    for (int i = 0; i < Math.min(20, trials.size()); i++) {
      new TrialRunner().run(trials.get(i), data, p -> {}); // warm the JIT and ND4J first
    }
    List<TrialResult> results = new ArrayList<>();
    List<List<CurvePoint>> curves = new ArrayList<>();
    long t0 = System.nanoTime();
    for (TrialSpec t : trials) {
      List<CurvePoint> curve = new ArrayList<>();
      results.add(new TrialRunner().run(t, data, curve::add));
      curves.add(curve);
    }
    double sequential = (System.nanoTime() - t0) / 1e9;
    timeJob(oneCore, sweep("bench-warm", 20, new Budget(null, 16L, null))); // warm Spark's paths too
    double job = timeJob(oneCore, empty);
    return new Report(emptyTrials, sequential, job, breakdown(oneCore, trials, results, curves), 0, 0, 0, 0);
  }

  private Breakdown breakdown(SparkSession spark, List<TrialSpec> trials, List<TrialResult> results,
      List<List<CurvePoint>> curves) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      items.add(i);
    }
    jsc.parallelize(items, items.size()).foreachPartition(it -> { }); // warm-up
    long t0 = System.nanoTime();
    jsc.parallelize(items, items.size()).foreachPartition(it -> { });
    double task = (System.nanoTime() - t0) / 1e6 / items.size();
    t0 = System.nanoTime();
    for (TrialSpec t : trials) {
      DataCache.get(t.dataset());
    }
    double cache = (System.nanoTime() - t0) / 1e6 / trials.size();
    Path out = Files.createTempDirectory("bpl-bench-commit");
    try {
      ResultsStore store = new ResultsStore(out.toString());
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      RunContext ctx = new RunContext(1, "driver", null, TaskEnvironment.here());
      try (SweepLock lock = store.lock(results.get(0).spec().sweepId(), "bench", conf)) {
        store.commit(results.get(0), curves.get(0), ctx, lock.claim(), conf); // warm-up
        t0 = System.nanoTime();
        for (int i = 0; i < results.size(); i++) {
          store.commit(results.get(i), curves.get(i), new RunContext(2, "driver", null, ctx.provenance()),
              lock.claim(), conf);
        }
      }
      double commit = (System.nanoTime() - t0) / 1e6 / results.size();
      return new Breakdown(task, cache, commit);
    } finally {
      delete(out);
    }
  }

  /** The efficiency measurement on a session of {@code cores} cores, added to {@code overhead}. */
  public Report runEfficiency(SparkSession allCores, int cores, Report overhead) throws IOException {
    SweepSpec timed = sweep("bench-timed", timedTrials, new Budget(null, null, trialSeconds));
    double parallel = timeJob(allCores, timed);
    return new Report(overhead.emptyTrials(), overhead.sequentialSeconds(), overhead.jobSeconds(),
        overhead.breakdown(), timedTrials, trialSeconds, cores, parallel);
  }

  private static double timeJob(SparkSession spark, SweepSpec sweep) throws IOException {
    Path out = Files.createTempDirectory("bpl-bench-sweep");
    try {
      return timeJob(spark, sweep, out);
    } finally {
      delete(out);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double timeJob(SparkSession spark, SweepSpec sweep, Path out) throws IOException {
    SweepJob job = new SweepJob(sweep, "bench", "", new ResultsStore(out.toString()),
        new PrintWriter(new StringWriter()));
    List<TrialSpec> trials = job.validate();
    long t0 = System.nanoTime();
    job.run(spark, trials);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** {@code n} distinct bp trials on digits (distinct learning rates) with the given budget. */
  private static SweepSpec sweep(String name, int n, Budget budget) {
    List<Object> lrs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lrs.add(0.01 + i * 1e-5);
    }
    MethodBlock block = new MethodBlock("bp", Map.of("batch_size", 16), Map.of("lr", lrs), 0, Map.of(), null);
    return new SweepSpec(name, 3, "digits", new ModelSpec("mlp", List.of(8), "relu"), budget, 1, List.of(block));
  }
}
