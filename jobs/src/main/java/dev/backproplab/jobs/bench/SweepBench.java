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
import dev.backproplab.jobs.store.Compaction;
import dev.backproplab.jobs.store.Heartbeats;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.sweep.SweepJob;
import dev.backproplab.jobs.sweep.TaskEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
   * a bare Spark task (an empty task of a job with one task per trial), the data cache lookup, the
   * three checks of the sweep's lock a trial makes (task start, commit start, before the row's
   * rename), its heartbeat (written at its first point, deleted at its commit), the commit (the
   * curve's and the trial row's Parquet files, each written, synced and renamed into place), of which
   * {@code syncMs} is two fresh files of the same sizes synced alone in the same folder, and the
   * run-end compaction of the committed files, per trial.
   */
  public record Breakdown(double sparkTaskMs, double dataCacheMs, double lockChecksMs, double heartbeatMs,
      double commitMs, double syncMs, double compactionMs) {

    /** The parts timed, without {@code syncMs} (part of the commit). */
    public double timedMs() {
      return sparkTaskMs + dataCacheMs + lockChecksMs + heartbeatMs + commitMs + compactionMs;
    }
  }

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
    double task = perTrial(t0);
    t0 = System.nanoTime();
    for (TrialSpec t : trials) {
      DataCache.get(t.dataset(), t.validation());
    }
    double cache = perTrial(t0);
    Path out = Files.createTempDirectory("bpl-bench-commit");
    try {
      ResultsStore store = new ResultsStore(out.toString());
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      RunContext ctx = new RunContext(1, "driver", null, TaskEnvironment.here());
      String sweepId = results.get(0).spec().sweepId();
      try (SweepLock lock = store.lock(sweepId, "bench", conf)) {
        store.commit(results.get(0), curves.get(0), ctx, lock.claim(), conf); // warm-up
        t0 = System.nanoTime();
        for (int i = 0; i < results.size(); i++) {
          for (int check = 0; check < 3; check++) {
            lock.claim().verify(conf);
          }
        }
        double checks = perTrial(t0);
        t0 = System.nanoTime();
        for (int i = 0; i < results.size(); i++) {
          TrialSpec spec = results.get(i).spec();
          Heartbeats.write(store.root(), spec, 2, "driver", curves.get(i).get(0), conf);
          Heartbeats.clear(store.root(), sweepId, spec.trialId(), conf);
        }
        double heartbeat = perTrial(t0);
        t0 = System.nanoTime();
        for (int i = 0; i < results.size(); i++) {
          store.commit(results.get(i), curves.get(i), new RunContext(2, "driver", null, ctx.provenance()),
              lock.claim(), conf);
        }
        double commit = perTrial(t0);
        double sync = syncAlone(out, sweepId);
        t0 = System.nanoTime();
        Compaction.compact(store, sweepId, lock.claim(), conf, Compaction.AT_RUN_END);
        double compaction = perTrial(t0);
        return new Breakdown(task, cache, checks, heartbeat, commit, sync, compaction);
      }
    } finally {
      delete(out);
    }
  }

  private double perTrial(long t0) {
    return (System.nanoTime() - t0) / 1e6 / emptyTrials;
  }

  /**
   * Per trial, the time to sync two fresh files of the sizes of a trial's committed files (its curve's
   * and its row's, found in the results folder {@code root}) in that folder: the part of the commit
   * the file system's sync costs.
   */
  private double syncAlone(Path root, String sweepId) throws IOException {
    List<byte[]> files = new ArrayList<>();
    for (String table : List.of("curves", "trials")) {
      try (Stream<Path> found = Files.walk(root.resolve(table).resolve("sweep_id=" + sweepId))) {
        Path f = found.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        files.add(new byte[(int) Files.size(f)]);
      }
    }
    Path scratch = Files.createTempDirectory(root, ".sync");
    long t0 = System.nanoTime();
    for (int i = 0; i < emptyTrials; i++) {
      for (int j = 0; j < files.size(); j++) {
        try (FileChannel ch = FileChannel.open(scratch.resolve(i + "-" + j), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(files.get(j)));
          ch.force(true);
        }
      }
    }
    double ms = perTrial(t0);
    delete(scratch);
    return ms;
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
