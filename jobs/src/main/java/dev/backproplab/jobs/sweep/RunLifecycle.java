package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.method.TrialChecks;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.sweep.SearchBlock;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.SearchPoint;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.ddg.DdgConfig;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.Compaction;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import dev.backproplab.jobs.store.SweepRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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

  /**
   * Trials a run learns a generation at a time: the searches of the file's {@code tune:} blocks, run
   * after the other trials, holding the same lock.
   */
  public interface Searches {
    /** The ids of the searches, recorded with the sweep. */
    List<String> ids();

    /** The most trials the searches run, for the progress count. */
    int trials();

    /** Runs the searches, each generation's trials through {@code generations}. */
    void run(Generations generations);
  }

  /** Runs the trials of one generation of a search. */
  public interface Generations {
    /**
     * The outcomes of {@code candidates}, in order: a candidate committed with a final status by an
     * earlier run is not run again (its outcome is read from its row: validation figures only), the others
     * run as one Spark job of one task each and are committed like every trial.
     *
     * @throws java.io.UncheckedIOException when the results folder cannot be read or written
     */
    List<TrialOutcome> run(List<TrialSpec> candidates);
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
    List<SearchBlock> searches = SweepExpander.searches(sweep, Catalogue.METHODS, file);
    DataSplit data = DataCache.get(sweep.dataset(), sweep.validation());
    List<TrialSpec> checked = new ArrayList<>(trials);
    searches.forEach(s -> checked.addAll(s.probes()));
    TrialChecks.check(checked, data.train(), Catalogue.METHODS, file);
    InputJobChecks.check(trials, store.root(), data, Spark.hadoopConfiguration(), file);
    store.checkWritable(Spark.hadoopConfiguration());
    out.printf("%s %s: %d trials, data set %s (%d train / %d validation / %d test, %d features, %d classes)%n",
        command, sweep.name(), trials.size(), data.name(), data.train().size(),
        data.validation().size(), data.test().size(), data.train().numFeatures(), data.train().numClasses());
    for (SearchBlock s : searches) {
      out.printf("  then search %s: %s, %s over %s, %d trials, %d per generation, %s %s%n", s.searchId(),
          s.at().substring(s.at().indexOf(": ") + 2), s.tune().optimizer().id(),
          s.tune().space().dimensions().stream().map(d -> d.name()).toList(), s.tune().trials(),
          s.tune().parallel(), s.tune().objective().maximize() ? "maximizing" : "minimizing",
          s.tune().objective().metric());
    }
    out.flush();
    return trials;
  }

  /**
   * Runs {@code trials}, as {@link #validate()} returned them, on {@code spark}; returns the summary of
   * the trials this run finished.
   */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials, DriverTrials driver) throws IOException {
    return run(spark, trials, driver, null);
  }

  /**
   * As {@link #run(SparkSession, List, DriverTrials)}, then the {@code searches} (null for none), a
   * generation at a time.
   */
  public SweepSummary run(SparkSession spark, List<TrialSpec> trials, DriverTrials driver, Searches searches)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (SweepLock lock = store.lock(sweep.name(), spark.sparkContext().applicationId(), conf)) {
      try {
        return runLocked(spark, trials, driver, searches, conf, lock);
      } catch (Exception e) { // Spark's job failure is a checked exception Scala throws undeclared
        lock.verify(); // a task that found the lock lost fails the job: say that, not the job's failure
        throw e;
      }
    }
  }

  private SweepSummary runLocked(SparkSession spark, List<TrialSpec> trials, DriverTrials driver,
      Searches searches, Configuration conf, SweepLock lock) throws IOException {
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
    List<String> searchIds = searches == null ? List.of() : searches.ids();
    store.writeSweepFile(sweep.name(),
        SweepRecord.yaml(sweep.name(), mode, file, sourceText, trials, searchIds, spark.sparkContext()), conf)
        .forEach(out::println);
    if (skipped > 0) {
      out.printf("resuming: %d of %d trials already done in %s%n", skipped, trials.size(), store.root());
      out.flush();
    }
    Progress progress = new Progress(trials, pending.size() + (searches == null ? 0 : searches.trials()), out);
    spark.sparkContext().addSparkListener(progress.listener());
    try {
      runTrials(spark, pending, firstAttempt, driver, progress, conf, lock);
      if (searches != null) {
        searches.run(new SearchGenerations(spark, trials, searchIds, committed, progress, conf, lock));
      }
    } finally {
      spark.sparkContext().removeSparkListener(progress.listener());
    }
    Compaction.Outcome compacted = Compaction.compact(store, sweep.name(), lock.claim(), conf,
        conf.getInt(Compaction.AT_RUN_END_KEY, Compaction.AT_RUN_END));
    compacted.notes().forEach(n -> out.println("warning: " + n));
    if (compacted.filesAfter() < compacted.filesBefore()) {
      out.printf("compacted the results of %s: %d files into %d%n", sweep.name(), compacted.filesBefore(),
          compacted.filesAfter());
    }
    return progress.summary();
  }

  private void runTrials(SparkSession spark, List<TrialSpec> pending, Map<String, Integer> firstAttempt,
      DriverTrials driver, Progress progress, Configuration conf, SweepLock lock) throws IOException {
    List<TrialSpec> perTask = pending.stream().filter(t -> !driver.runsOnDriver(t)).toList();
    List<TrialSpec> onDriver = pending.stream().filter(driver::runsOnDriver).toList();
    double limit = timeLimit();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (!perTask.isEmpty()) {
      runJob(spark, perTask, firstAttempt, progress, lock, "");
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
          : sweep.earlyStopping().create(store.rungBoard(t, conf));
      TrialResult result = new TrialRunner().run(t, DataCache.get(t.dataset(), t.validation()),
          driver.trainer(t, jsc), watch, limit, rule);
      String where = "driver:" + spark.sparkContext().applicationId();
      int attempt = firstAttempt.get(t.trialId());
      store.commit(result, curve, new RunContext(attempt, where, null, TaskEnvironment.here()), lock.claim(), conf);
      progress.finished(TrialOutcome.of(result, attempt, where));
      driver.finished(result);
    }
  }

  /** The sweep's max_trial_seconds, infinity for none. */
  private double timeLimit() {
    return sweep.maxTrialSeconds() == null ? Double.POSITIVE_INFINITY : sweep.maxTrialSeconds();
  }

  /**
   * Runs {@code trials} as Spark jobs of one task per trial (one job per core count a trial asks for, in
   * waves where its trials pack several to an executor: {@link TrialJobs}), then the barrier trials one
   * job of K tasks each ({@link BarrierTrials}); returns their outcomes as they arrived. A search's generation is one job unless its method asks for several cores.
   */
  private List<TrialOutcome> runJob(SparkSession spark, List<TrialSpec> trials, Map<String, Integer> firstAttempt,
      Progress progress, SweepLock lock, String what) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ClassTag<List<TrialOutcome>> tag = scala.reflect.ClassTag$.MODULE$.apply(List.class);
    OnResult collect = new OnResult(progress);
    TrialTask task = new TrialTask(store, lock.claim(), laterAttempts(firstAttempt), timeLimit(),
        sweep.earlyStopping(), sweep.saveModels());
    List<TrialSpec> barrier = trials.stream().filter(BarrierTrials::wants).toList();
    List<TrialSpec> perTask = trials.stream().filter(t -> !BarrierTrials.wants(t)).toList();
    for (TrialJobs.Job job : TrialJobs.plan(perTask, jsc.getConf(), jsc.defaultParallelism())) {
      JavaRDD<TrialSpec> rdd = job.rdd(jsc);
      spark.sparkContext().setJobDescription("bpl " + command + " " + sweep.name() + ": " + what + job.trials().size()
          + " trials" + (job.cores() > 1 ? " on " + job.cores() + " cores each" : ""));
      for (int from = 0; from < job.trials().size(); from += job.wave()) {
        List<Object> partitions = new ArrayList<>();
        for (int i = from; i < Math.min(job.trials().size(), from + job.wave()); i++) {
          partitions.add(i);
        }
        spark.sparkContext().runJob(
            rdd.rdd(),
            task,
            scala.collection.JavaConverters.asScalaBuffer(partitions).toSeq(),
            collect,
            tag);
      }
    }
    for (TrialSpec t : barrier) {
      spark.sparkContext().setJobDescription("bpl " + command + " " + sweep.name() + ": " + what + t.method() + " "
          + t.trialId() + " as " + ((DdgConfig) t.config()).modules() + " barrier tasks");
      collect.apply(0, BarrierTrials.run(jsc, t, task));
    }
    return collect.outcomes;
  }

  /**
   * The entries of {@code firstAttempt} above 1, the default a task assumes: every task deserialises its
   * closure, so a fresh sweep's tasks carry no map of all its trials.
   */
  private static Map<String, Integer> laterAttempts(Map<String, Integer> firstAttempt) {
    Map<String, Integer> later = new HashMap<>();
    firstAttempt.forEach((id, attempt) -> {
      if (attempt > 1) {
        later.put(id, attempt);
      }
    });
    return later;
  }

  /** The generations of a run's searches: replayed from the committed rows, or run as one job each. */
  private final class SearchGenerations implements Generations {
    private final SparkSession spark;
    private final List<TrialSpec> known;
    private final List<String> searchIds;
    private final Map<String, ResultsStore.Committed> committed;
    private final Progress progress;
    private final Configuration conf;
    private final SweepLock lock;

    SearchGenerations(SparkSession spark, List<TrialSpec> trials, List<String> searchIds,
        Map<String, ResultsStore.Committed> committed, Progress progress, Configuration conf, SweepLock lock) {
      this.spark = spark;
      this.known = new ArrayList<>(trials);
      this.searchIds = searchIds;
      this.committed = committed;
      this.progress = progress;
      this.conf = conf;
      this.lock = lock;
    }

    @Override
    public List<TrialOutcome> run(List<TrialSpec> candidates) {
      try {
        Map<String, TrialOutcome> byId = new HashMap<>();
        List<TrialSpec> pending = new ArrayList<>();
        Map<String, Integer> firstAttempt = new HashMap<>();
        for (TrialSpec t : candidates) {
          ResultsStore.Committed c = committed.get(t.trialId());
          if (c != null && FINAL.contains(c.status())) {
            ResultsStore.Scores s = store.scores(sweep.name(), t.method(), c, conf);
            byId.put(t.trialId(), new TrialOutcome(t.trialId(), c.status(), null, s.valAccuracy(), Double.NaN, 0, 0,
                c.attempt(), "committed", s.valLoss(), s.bestValAccuracy()));
          } else {
            pending.add(t);
            firstAttempt.put(t.trialId(), c == null ? 1 : c.attempt() + 1);
          }
        }
        int replayed = candidates.size() - pending.size();
        progress.replayed(replayed, pending);
        if (replayed > 0) {
          SearchPoint p = candidates.get(0).search();
          out.printf("search %s generation %d: %d of %d trials replayed from %s%n", p.searchId(), p.generation(),
              replayed, candidates.size(), store.root());
          out.flush();
        }
        known.addAll(candidates);
        if (!pending.isEmpty()) {
          SearchPoint p = pending.get(0).search();
          for (TrialOutcome o : runJob(spark, pending, firstAttempt, progress, lock,
              "search " + p.searchId() + " generation " + p.generation() + ", ")) {
            byId.put(o.trialId(), o);
            committed.put(o.trialId(), new ResultsStore.Committed(o.trialId(), o.attempt(), o.status()));
          }
          store.writeSweepFile(sweep.name(),
              SweepRecord.yaml(sweep.name(), mode, file, sourceText, known, searchIds, spark.sparkContext()), conf)
              .forEach(out::println);
        }
        return candidates.stream().map(t -> byId.get(t.trialId())).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read or write the results of sweep " + sweep.name() + " in "
            + store.root(), e);
      }
    }
  }

  /** Called on the driver as each task's result arrives. */
  private static final class OnResult extends AbstractFunction2<Object, List<TrialOutcome>, BoxedUnit> {
    private final Progress progress;
    private final List<TrialOutcome> outcomes = new ArrayList<>();

    OnResult(Progress progress) {
      this.progress = progress;
    }

    @Override
    public BoxedUnit apply(Object partition, List<TrialOutcome> finished) {
      finished.forEach(progress::finished);
      outcomes.addAll(finished);
      return BoxedUnit.UNIT;
    }
  }
}
