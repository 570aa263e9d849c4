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
import dev.backproplab.jobs.sweep.SweepSummary;
import dev.backproplab.jobs.sweep.TaskEnvironment;
import dev.backproplab.jobs.sweep.TrialOutcome;
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
import org.apache.spark.SparkEnv;
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
 * Both runs are timed from the call of {@link SweepJob#run} to its return: the lock, recovery, the
 * sweep record and the run-end compaction are in them, the Spark session's start is not. Each is split
 * by {@link JobTimeline} into where its time beyond the trials went. The overhead's two sides are timed
 * after the same warm-up, a whole pass over the same number of trials each (the sequential loop, and
 * a job with its run-end compaction), so the figure is the cost per trial in steady state; a fresh
 * JVM's first run also loads and compiles the code of its commits and its compaction once.
 */
public final class SweepBench {
  /**
   * Where the overhead goes, each part timed alone over the same number of trials, in ms per trial:
   * a bare Spark task (an empty task of a job with one task per trial), the data cache lookup, the
   * three checks of the sweep's lock a trial makes (task start, commit start, before the row's
   * rename), a heartbeat written and deleted (what a trial that runs over five seconds adds; shorter
   * ones write none), the commit (the
   * curve's and the trial row's Parquet files, each written, synced and renamed into place), of which
   * {@code syncMs} is two fresh files of the same sizes synced alone in the same folder, and the
   * run-end compaction of the committed files, per trial; and the sizes a task carries: its trial
   * spec as Spark's closure serializer writes it ({@code trialBytes}) and its result, the trial's
   * outcome in a list, as Spark's serializer writes it ({@code resultBytes}).
   */
  public record Breakdown(double sparkTaskMs, double dataCacheMs, double lockChecksMs, double heartbeatMs,
      double commitMs, double syncMs, double compactionMs, int trialBytes, int resultBytes) {

    /** The parts timed, without {@code syncMs} (part of the commit). */
    public double timedMs() {
      return sparkTaskMs + dataCacheMs + lockChecksMs + heartbeatMs + commitMs + compactionMs;
    }
  }

  /**
   * What one run measured: the overhead's {@code jobSeconds} split by {@code overheadSplit} against the
   * sequential run, the efficiency's {@code parallelSeconds} by {@code parallelSplit} against the ideal;
   * {@code firstJobSeconds} is the same job run first in the JVM (the warm-up run).
   */
  public record Report(
      int emptyTrials, double sequentialSeconds, double firstJobSeconds, double jobSeconds, Breakdown breakdown,
      JobTimeline.Split overheadSplit, int timedTrials, double trialSeconds, int cores, double parallelSeconds,
      JobTimeline.Split parallelSplit) {

    /** Milliseconds the job adds per trial. */
    public double overheadMsPerTrial() {
      return 1000 * (jobSeconds - sequentialSeconds) / emptyTrials;
    }

    /** Milliseconds per trial the first run in the JVM adds, its one-time loading and compiling included. */
    public double firstRunOverheadMsPerTrial() {
      return 1000 * (firstJobSeconds - sequentialSeconds) / emptyTrials;
    }

    public double idealParallelSeconds() {
      return timedTrials * trialSeconds / cores;
    }

    public double parallelEfficiency() {
      return idealParallelSeconds() / parallelSeconds;
    }
  }

  private static final scala.reflect.ClassTag<Object> TAG = scala.reflect.ClassTag$.MODULE$.Object();

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
    DataSplit data = DataCache.get("digits", trials.get(0).validation()); // held out once, as the job's tasks do
    for (TrialSpec t : trials) { // a whole pass first: the job runs later, on code the JIT has compiled by then
      new TrialRunner().run(t, data, p -> {});
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
    // the job gets the warm-up the sequential run got: a whole run of as many trials (its commits, and
    // its run-end compaction, which a shorter warm-up would leave cold), so both are timed in steady state
    Timed first = timeJob(oneCore, sweep("bench-warm", emptyTrials, new Budget(null, 16L, null)), 1, sequential);
    Timed job = timeJob(oneCore, empty, 1, sequential);
    return new Report(emptyTrials, sequential, first.seconds(), job.seconds(),
        breakdown(oneCore, trials, results, curves), job.split(), 0, 0, 0, 0, null);
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
        return new Breakdown(task, cache, checks, heartbeat, commit, sync, compaction,
            SparkEnv.get().closureSerializer().newInstance().serialize(trials.get(0), TAG).limit(),
            SparkEnv.get().serializer().newInstance()
                .serialize(List.of(TrialOutcome.of(results.get(0), 1, "driver")), TAG).limit());
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
    Timed parallel = timeJob(allCores, timed, cores, timedTrials * trialSeconds / cores);
    return new Report(overhead.emptyTrials(), overhead.sequentialSeconds(), overhead.firstJobSeconds(),
        overhead.jobSeconds(), overhead.breakdown(), overhead.overheadSplit(), timedTrials, trialSeconds, cores,
        parallel.seconds(), parallel.split());
  }

  /** A timed run of the sweep job: its wall seconds, and where they went. */
  private record Timed(double seconds, JobTimeline.Split split) {}

  /**
   * Runs {@code sweep} through the sweep job on {@code spark} ({@code cores} task slots) into a fresh
   * folder; {@code idealSeconds} is what its trials would take with no job around them.
   */
  private static Timed timeJob(SparkSession spark, SweepSpec sweep, int cores, double idealSeconds)
      throws IOException {
    Path out = Files.createTempDirectory("bpl-bench-sweep");
    JobTimeline timeline = new JobTimeline();
    spark.sparkContext().addSparkListener(timeline);
    try {
      SweepJob job = new SweepJob(sweep, "bench", "", new ResultsStore(out.toString()),
          new PrintWriter(new StringWriter()));
      List<TrialSpec> trials = job.validate();
      long start = System.currentTimeMillis();
      long t0 = System.nanoTime();
      SweepSummary summary = job.run(spark, trials);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long end = System.currentTimeMillis();
      double trialSeconds = summary.outcomes().stream().mapToDouble(TrialOutcome::wallSeconds).sum();
      return new Timed(seconds, JobTimeline.split(timeline.tasks(spark.sparkContext()), cores, start, end,
          trialSeconds, idealSeconds));
    } finally {
      spark.sparkContext().removeSparkListener(timeline);
      delete(out);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Prints {@code r}: the table, or one JSON line per figure. */
  public static void print(Report r, BenchOutput out) {
    out.printf("%noverhead: %d near-empty trials (one 16-sample step each)%n", r.emptyTrials());
    out.printf("  in this JVM, one after another: %8.2f s  (%.1f ms per trial)%n", r.sequentialSeconds(),
        1000 * r.sequentialSeconds() / r.emptyTrials());
    out.printf("  sweep job on local[1]:          %8.2f s  (%.1f ms per trial)%n", r.jobSeconds(),
        1000 * r.jobSeconds() / r.emptyTrials());
    out.printf("  overhead of the job:            %8.1f ms per trial%n", r.overheadMsPerTrial());
    out.printf("  the same job run first in this JVM (it loads and compiles the job's code once): %.2f s, %.1f ms"
        + " per trial over the sequential run%n", r.firstJobSeconds(), r.firstRunOverheadMsPerTrial());
    out.printf("  where the job's time goes beyond the trials, from Spark's task records (ms per trial):%n");
    split(out, r.overheadSplit(), 1000.0 / r.emptyTrials(), "overhead_split_per_trial", "ms", "slower in the job than"
        + " one after another");
    Breakdown b = r.breakdown();
    out.printf("  inside the task and at the run's end, each part timed alone (ms per trial):%n");
    out.printf("    bare Spark task (one per trial):                              %6.2f%n", b.sparkTaskMs());
    out.printf("    data cache lookup:                                            %6.2f%n", b.dataCacheMs());
    out.printf("    sweep lock checks (three):                                    %6.2f%n", b.lockChecksMs());
    out.printf("    heartbeat (written, deleted; only trials over 5 s write one): %6.2f%n", b.heartbeatMs());
    out.printf("    commit (curve, then row: two Parquet files, synced, renamed): %6.2f%n", b.commitMs());
    out.printf("      of which syncing two files of their sizes:                  %6.2f%n", b.syncMs());
    out.printf("    run-end compaction of the committed files:                    %6.2f%n", b.compactionMs());
    out.printf("  a task carries its trial spec, %d bytes serialised, and returns its outcome, %d bytes%n",
        b.trialBytes(), b.resultBytes());
    out.figure("task_bytes", b.trialBytes(), "bytes", "part", "trial_spec");
    out.figure("task_bytes", b.resultBytes(), "bytes", "part", "result");
    Object[][] parts = {{"spark_task", b.sparkTaskMs()}, {"data_cache", b.dataCacheMs()},
        {"lock_checks", b.lockChecksMs()}, {"heartbeat", b.heartbeatMs()}, {"commit", b.commitMs()},
        {"commit_sync", b.syncMs()}, {"compaction", b.compactionMs()}};
    for (Object[] part : parts) {
      out.figure("overhead_part_per_trial", (Double) part[1], "ms", "part", part[0]);
    }
    out.printf("%nparallel efficiency: %d trials of %.1f s on local[%d]%n", r.timedTrials(), r.trialSeconds(),
        r.cores());
    out.printf("  ideal %.1f s, measured %.1f s: efficiency %.1f%%%n", r.idealParallelSeconds(),
        r.parallelSeconds(), 100 * r.parallelEfficiency());
    JobTimeline.Split p = r.parallelSplit();
    double own = p.ideal() + p.trialExcess();
    out.printf("  against the trials' own time (%.1f s: budget and final evaluation): %.1f%%%n", own,
        100 * own / r.parallelSeconds());
    out.figure("parallel_efficiency_own_time", own / r.parallelSeconds(), "fraction", "trials", r.timedTrials(),
        "trial_seconds", r.trialSeconds(), "cores", r.cores());
    out.printf("  where the %.1f s beyond the ideal went (s of wall time: core-seconds / %d cores):%n",
        r.parallelSeconds() - r.idealParallelSeconds(), r.cores());
    split(out, r.parallelSplit(), 1, "efficiency_loss", "s", "trials over their budget (final evaluation)");
    out.figure("overhead_per_trial", r.overheadMsPerTrial(), "ms", "trials", r.emptyTrials());
    out.figure("overhead_per_trial_first_run", r.firstRunOverheadMsPerTrial(), "ms", "trials", r.emptyTrials());
    out.figure("parallel_efficiency", r.parallelEfficiency(), "fraction", "trials", r.timedTrials(),
        "trial_seconds", r.trialSeconds(), "cores", r.cores());
  }

  /**
   * Prints where a timed sweep run's time went ({@link JobTimeline}), each
   * part times {@code scale}, and one {@code figure} line per part in JSON form.
   */
  private static void split(BenchOutput out, JobTimeline.Split s, double scale, String figure, String unit,
      String trials) {
    Object[][] parts = {
        {"start_up", "start-up before the first task (lock, recovery, sweep record)", s.startUp()},
        {"stagger", "cores waiting for their first task", s.stagger()},
        {"between_tasks", "between tasks (status update, scheduling and launching the next)", s.gaps()},
        {"task_deserialize", "deserialising the task and its closure", s.deserialize()},
        {"result_serialize", "serialising the task's result", s.resultSerialize()},
        {"in_task", "in the task, outside the trial (set-up, heartbeat, commit)", s.inTask()},
        {"trials", trials, s.trialExcess()},
        {"tail", "cores idle at the end, waiting for the last task", s.tail()},
        {"run_end", "run end after the last task (its result, compaction)", s.end()}};
    for (Object[] p : parts) {
      double v = (Double) p[2] * scale;
      out.printf("    %-66s %7.2f%n", p[1], v);
      out.figure(figure, v, unit, "part", p[0]);
    }
    out.printf("    %-66s %7.2f%n", "total", s.lost() * scale);
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
