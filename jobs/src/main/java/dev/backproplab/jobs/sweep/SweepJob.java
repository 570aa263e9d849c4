package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.Methods;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.jobs.dataparallel.DataParallelTrainer;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.SweepRecord;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The sweep job (execution mode 1 of DESIGN.md): one trial per Spark task.
 *
 * <p>Before any work starts, the sweep is expanded and validated and its data set loaded on the
 * driver, so configuration errors stop everything with nothing written. Trials already committed
 * with a final status (COMPLETED, DIVERGED, STOPPED) are skipped, so re-running a sweep resumes it;
 * FAILED and TIMED_OUT trials run again as a new attempt. As each task finishes, the driver prints a
 * progress line; at the end, a summary. Methods whose one trial spans the cluster
 * ({@code bp-dataparallel}) run after the others, one at a time, from the driver.
 */
public final class SweepJob {
  /** Statuses a re-run does not recompute: they would come out the same. */
  static final Set<TrialStatus> FINAL =
      EnumSet.of(TrialStatus.COMPLETED, TrialStatus.DIVERGED, TrialStatus.STOPPED);

  private final SweepSpec sweep;
  private final String file;
  private final String sourceText;
  private final ResultsStore store;
  private final PrintWriter out;

  /**
   * @param sweep the parsed sweep
   * @param file the sweep file's name, for messages
   * @param sourceText the sweep file as written, kept with the results
   * @param store where results go
   * @param out where progress lines go
   */
  public SweepJob(SweepSpec sweep, String file, String sourceText, ResultsStore store, PrintWriter out) {
    this.sweep = sweep;
    this.file = file;
    this.sourceText = sourceText;
    this.store = store;
    this.out = out;
  }

  /**
   * Validates the sweep without Spark and before anything is written: expands the trials, loads the
   * data set and checks that the results folder can be written.
   *
   * @return the trials
   * @throws dev.backproplab.core.InvalidInputException on any invalid value, missing or corrupt data,
   *     or a results folder that cannot be written
   */
  public List<TrialSpec> validate() {
    List<TrialSpec> trials = SweepExpander.expand(sweep, file);
    DataSplit data = DataCache.get(sweep.dataset(), sweep.validation());
    store.checkWritable(new Configuration());
    int features = data.train().numFeatures();
    out.printf("sweep %s: %d trials, data set %s (%d train / %d validation / %d test, %d features, %d classes)%n",
        sweep.name(), trials.size(), data.name(), data.train().size(), data.validation().size(),
        data.test().size(), features,
        data.train().numClasses());
    out.flush();
    return trials;
  }

  /**
   * Runs {@code trials}, as {@link #validate()} returned them, on {@code spark}; returns the summary
   * of the trials this run finished.
   */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (SweepLock lock = store.lock(sweep.name(), spark.sparkContext().applicationId(), conf)) {
      return runLocked(spark, trials, conf);
    }
  }

  private SweepSummary runLocked(SparkSession spark, List<TrialSpec> trials, Configuration conf) throws IOException {
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
        SweepRecord.yaml(sweep.name(), "sweep (trial per task)", file, sourceText, trials, spark.sparkContext()), conf);
    if (skipped > 0) {
      out.printf("resuming: %d of %d trials already done in %s%n", skipped, trials.size(), store.root());
      out.flush();
    }
    Progress progress = new Progress(trials, pending.size(), out);
    List<TrialSpec> perTask = pending.stream().filter(t -> !Methods.CLUSTER.contains(t.method())).toList();
    List<TrialSpec> acrossCluster = pending.stream().filter(t -> Methods.CLUSTER.contains(t.method())).toList();
    double limit = sweep.maxTrialSeconds() == null ? Double.POSITIVE_INFINITY : sweep.maxTrialSeconds();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (!perTask.isEmpty()) {
      JavaRDD<TrialSpec> rdd = jsc.parallelize(perTask, perTask.size());
      List<Object> partitions = new ArrayList<>();
      for (int i = 0; i < perTask.size(); i++) {
        partitions.add(i);
      }
      spark.sparkContext().setJobDescription("bpl sweep " + sweep.name() + ": " + perTask.size() + " trials");
      ClassTag<List<TrialOutcome>> tag = scala.reflect.ClassTag$.MODULE$.apply(List.class);
      spark.sparkContext().runJob(
          rdd.rdd(),
          new TrialTask(store, firstAttempt, limit, sweep.earlyStopping()),
          scala.collection.JavaConverters.asScalaBuffer(partitions).toSeq(),
          new OnResult(progress),
          tag);
    }
    // trials that span the cluster run one at a time from the driver (execution mode 3)
    for (TrialSpec t : acrossCluster) {
      spark.sparkContext().setJobDescription("bpl sweep " + sweep.name() + ": " + t.method() + " " + t.trialId());
      List<CurvePoint> curve = new ArrayList<>();
      StoppingRule rule = sweep.earlyStopping() == null ? null
          : sweep.earlyStopping().create(store.rungBoard(sweep.name(), conf));
      TrialResult result = new TrialRunner().run(t, DataCache.get(t.dataset(), t.validation()),
          new DataParallelTrainer(jsc),
          curve::add, limit, rule);
      String where = "cluster:" + spark.sparkContext().applicationId();
      int attempt = firstAttempt.get(t.trialId());
      store.commit(result, curve, new RunContext(attempt, where, null, BuildInfo.version()), conf);
      progress.finished(TrialOutcome.of(result, attempt, where));
    }
    return progress.summary();
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
