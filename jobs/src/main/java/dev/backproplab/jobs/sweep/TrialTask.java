package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.stopping.StoppingSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import scala.runtime.AbstractFunction2;

/**
 * The work of one Spark task: run the trials of its partition (one, as the sweep job partitions
 * them) and commit each to the results store. Anything that goes wrong inside a trial, including a
 * data set the executor cannot read, becomes a FAILED row; only a store that cannot be written fails
 * the task.
 */
final class TrialTask
    extends AbstractFunction2<TaskContext, scala.collection.Iterator<TrialSpec>, List<TrialOutcome>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ResultsStore store;
  private final Map<String, Integer> firstAttempt;
  private final double timeLimitSeconds;
  private final StoppingSpec stopping;

  /**
   * @param store where results go
   * @param firstAttempt per trial id, the attempt number its next run gets (1 for a new trial)
   * @param timeLimitSeconds the sweep's max_trial_seconds (infinity for none)
   * @param stopping the sweep's early stopping, or null
   */
  TrialTask(ResultsStore store, Map<String, Integer> firstAttempt, double timeLimitSeconds, StoppingSpec stopping) {
    this.store = store;
    this.firstAttempt = firstAttempt;
    this.timeLimitSeconds = timeLimitSeconds;
    this.stopping = stopping;
  }

  @Override
  public List<TrialOutcome> apply(TaskContext ctx, scala.collection.Iterator<TrialSpec> specs) {
    int taskCpus = SparkEnv.get().conf().getInt("spark.task.cpus", 1);
    Threads.useBlasThreads(taskCpus);
    Configuration conf = hadoopConf();
    String executor = SparkEnv.get().executorId() + "@" + SparkEnv.get().blockManager().blockManagerId().host();
    String gpu = GpuBinding.bind(scala.collection.JavaConverters.mapAsJavaMap(ctx.resources()), GpuBinding.ND4J);
    List<TrialOutcome> out = new ArrayList<>();
    Iterator<TrialSpec> it = scala.collection.JavaConverters.asJavaIterator(specs);
    while (it.hasNext()) {
      TrialSpec spec = it.next();
      int attempt = firstAttempt.getOrDefault(spec.trialId(), 1) + ctx.attemptNumber();
      List<CurvePoint> curve = new ArrayList<>();
      StoppingRule rule;
      try {
        rule = stopping == null ? null : stopping.create(store.rungBoard(spec.sweepId(), conf));
      } catch (IOException e) {
        throw new UncheckedIOException("could not open the rung board in " + store.root(), e);
      }
      TrialResult result = run(spec, curve, timeLimitSeconds, rule);
      try {
        store.commit(result, curve, new RunContext(attempt, executor, gpu, BuildInfo.version()), conf);
      } catch (IOException e) {
        throw new UncheckedIOException("could not commit trial " + spec.trialId() + " to " + store.root(), e);
      }
      out.add(TrialOutcome.of(result, attempt, executor));
    }
    return out;
  }

  private static Configuration hadoopConf;

  /**
   * The executor's Hadoop configuration (Spark's {@code spark.hadoop.*} settings applied), built once
   * per JVM: building one parses Hadoop's XML resources, which costs more than a small trial's commit.
   * Tasks only read it.
   */
  private static synchronized Configuration hadoopConf() {
    if (hadoopConf == null) {
      hadoopConf = SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
    }
    return hadoopConf;
  }

  private static TrialResult run(TrialSpec spec, List<CurvePoint> curve, double timeLimitSeconds, StoppingRule rule) {
    Instant start = Instant.now();
    DataSplit data;
    try {
      data = DataCache.get(spec.dataset(), spec.validation());
    } catch (RuntimeException e) {
      return new TrialResult(spec, TrialStatus.FAILED, "could not load data set: " + e.getMessage(),
          0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, 0.0, start, Instant.now(), null);
    }
    return new TrialRunner().run(spec, data, curve::add, timeLimitSeconds, rule);
  }
}
