package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.method.TrialChecks;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import dev.backproplab.jobs.store.SweepRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The lifecycle of one run of a sweep file, the same for {@code bpl sweep} and {@code bpl search}:
 * <ol>
 *   <li>{@link #validate()}, before Spark starts and before anything is written: the file expands to
 *       trials (every parameter checked), the data set loads, every distinct (model, method) pair is
 *       built and checked ({@link TrialChecks}), the results folder is writable;
 *   <li>{@link #run}: the lock on the sweep in the results folder, resume (trials committed with a
 *       final status are skipped; FAILED and TIMED_OUT ones run again as their next attempt), the sweep
 *       record, then the trials: those a task runs as one Spark job of one task per trial ({@link
 *       TrialTask}: GPU binding and BLAS threads per task), the others one at a time from the driver
 *       with the trainer the job supplies (data-parallel training, a distributed search), each under
 *       the sweep's time limit and early stopping, committed as it ends, with a progress line each and
 *       a summary at the end.
 * </ol>
 */
public final class RunLifecycle {
  /** Statuses a re-run does not recompute: they would come out the same. */
  static final Set<TrialStatus> FINAL =
      EnumSet.of(TrialStatus.COMPLETED, TrialStatus.DIVERGED, TrialStatus.STOPPED);

  /** How the job runs the trials that do not run one per task. */
  public interface DriverTrials {
    /** Whether {@code trial} runs from the driver rather than in a task of its own. */
    boolean runsOnDriver(TrialSpec trial);

    /** The trainer of a driver-run {@code trial}, with the session's context. */
    Trainer trainer(TrialSpec trial, JavaSparkContext sc);

    /** Sees each curve point of a driver-run trial as it is measured; nothing by default. */
    default void measured(CurvePoint point) {}

    /** Sees each driver-run trial's result once it is committed; nothing by default. */
    default void finished(TrialResult result) {}
  }

  private final SweepSpec sweep;
  private final String file;
  private final String sourceText;
  private final ResultsStore store;
  private final PrintWriter out;
  private final String mode;
  /** The command that runs it, for messages and job descriptions: the first word of {@code mode}. */
  private final String command;

  /**
   * @param sweep the parsed sweep
   * @param file the sweep file's name, for messages
   * @param sourceText the sweep file as written, kept with the results
   * @param store where results go
   * @param out where progress lines go
   * @param mode the run's kind for the sweep record and messages, e.g. {@code sweep (trial per task)}
   */
  public RunLifecycle(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out,
      String mode) {
    this.sweep = sweep;
    this.file = file;
    this.sourceText = sourceText;
    this.store = store;
    this.out = out;
    this.mode = mode;
    this.command = mode.split(" ")[0];
  }

  /**
   * Validates the sweep without Spark and before anything is written (see the class comment).
   *
   * @return the trials
   * @throws dev.backproplab.core.InvalidInputException on any invalid value, a model a method cannot
   *     train, missing or corrupt data, or a results folder that cannot be written
   */
  public List<TrialSpec> validate() {
    List<TrialSpec> trials = SweepExpander.expand(sweep, Catalogue.METHODS, file);
    DataSplit data = DataCache.get(sweep.dataset(), sweep.validation());
    TrialChecks.check(trials, data.train(), Catalogue.METHODS, file);
    store.checkWritable(Spark.hadoopConfiguration());
    out.printf("%s %s: %d trials, data set %s (%d train / %d validation / %d test, %d features, %d classes)%n",
        command, sweep.name(), trials.size(), data.name(), data.train().size(),
        data.validation().size(), data.test().size(), data.train().numFeatures(), data.train().numClasses());
    out.flush();
    return trials;
  }

  /**
   * Runs {@code trials}, as {@link #validate()} returned them, on {@code spark}; returns the summary of
   * the trials this run finished.
   */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials, DriverTrials driver) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (SweepLock lock = store.lock(sweep.name(), spark.sparkContext().applicationId(), conf)) {
      try {
        return runLocked(spark, trials, driver, conf, lock);
      } catch (Exception e) { // Spark's job failure is a checked exception Scala throws undeclared
        lock.verify(); // a task that found the lock lost fails the job: say that, not the job's failure
        throw e;
      }
    }
  }

  private SweepSummary runLocked(SparkSession spark, List<TrialSpec> trials, DriverTrials driver,
      Configuration conf, SweepLock lock) throws IOException {
    for (String note : store.recover(sweep.name(), conf)) {
      out.println("warning: " + note);
    }
    Map<String, ResultsStore.Committed> committed = store.committed(sweep.name(), conf);
    List<TrialSpec> pending = new ArrayList<>();
    Map<String, Integer> firstAttempt = new HashMap<>();
    int skipped = 0;
    for (TrialSpec t : trials) {
      ResultsStore.Committed c = committed.get(t.trialId());
      if (c != null && FINAL.contains(c.status())) {
        skipped++;
      } else {
        pending.add(t);
        firstAttempt.put(t.trialId(), c == null ? 1 : c.attempt() + 1);
      }
    }
    store.writeSweepFile(sweep.name(),
        SweepRecord.yaml(sweep.name(), mode, file, sourceText, trials, spark.sparkContext()), conf)
        .forEach(out::println);
    if (skipped > 0) {
      out.printf("resuming: %d of %d trials already done in %s%n", skipped, trials.size(), store.root());
      out.flush();
    }
    Progress progress = new Progress(trials, pending.size(), out);
    spark.sparkContext().addSparkListener(progress.listener());
    try {
      runTrials(spark, pending, firstAttempt, driver, progress, conf, lock);
    } finally {
      spark.sparkContext().removeSparkListener(progress.listener());
    }
    return progress.summary();
  }

  private void runTrials(SparkSession spark, List<TrialSpec> pending, Map<String, Integer> firstAttempt,
      DriverTrials driver, Progress progress, Configuration conf, SweepLock lock) throws IOException {
    List<TrialSpec> perTask = pending.stream().filter(t -> !driver.runsOnDriver(t)).toList();
    List<TrialSpec> onDriver = pending.stream().filter(driver::runsOnDriver).toList();
    double limit = sweep.maxTrialSeconds() == null ? Double.POSITIVE_INFINITY : sweep.maxTrialSeconds();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (TrialJobs.Job job : TrialJobs.plan(perTask, jsc.getConf(), jsc.defaultParallelism())) {
      JavaRDD<TrialSpec> rdd = job.rdd(jsc);
      spark.sparkContext().setJobDescription("bpl " + command + " " + sweep.name() + ": " + job.trials().size()
          + " trials" + (job.cores() > 1 ? " on " + job.cores() + " cores each" : ""));
      ClassTag<List<TrialOutcome>> tag = scala.reflect.ClassTag$.MODULE$.apply(List.class);
      for (int from = 0; from < job.trials().size(); from += job.wave()) {
        List<Object> partitions = new ArrayList<>();
        for (int i = from; i < Math.min(job.trials().size(), from + job.wave()); i++) {
          partitions.add(i);
        }
        spark.sparkContext().runJob(
            rdd.rdd(),
            new TrialTask(store, lock.claim(), firstAttempt, limit, sweep.earlyStopping(), sweep.saveModels()),
            scala.collection.JavaConverters.asScalaBuffer(partitions).toSeq(),
            new OnResult(progress),
            tag);
      }
    }
    for (TrialSpec t : onDriver) {
      spark.sparkContext().setJobDescription("bpl " + command + " " + sweep.name() + ": " + t.method()
          + " " + t.trialId());
      List<CurvePoint> curve = new ArrayList<>();
      Consumer<CurvePoint> watch = p -> {
        curve.add(p);
        driver.measured(p);
      };
      StoppingRule rule = sweep.earlyStopping() == null ? null
          : sweep.earlyStopping().create(store.rungBoard(sweep.name(), conf));
      TrialResult result = new TrialRunner().run(t, DataCache.get(t.dataset(), t.validation()),
          driver.trainer(t, jsc), watch, limit, rule);
      String where = "driver:" + spark.sparkContext().applicationId();
      int attempt = firstAttempt.get(t.trialId());
      store.commit(result, curve, new RunContext(attempt, where, null, TaskEnvironment.here()), lock.claim(), conf);
      progress.finished(TrialOutcome.of(result, attempt, where));
      driver.finished(result);
    }
  }

  /** Called on the driver as each task's result arrives. */
  private static final class OnResult extends AbstractFunction2<Object, List<TrialOutcome>, BoxedUnit> {
    private final Progress progress;

    OnResult(Progress progress) {
      this.progress = progress;
    }

    @Override
    public BoxedUnit apply(Object partition, List<TrialOutcome> outcomes) {
      outcomes.forEach(progress::finished);
      return BoxedUnit.UNIT;
    }
  }
}
