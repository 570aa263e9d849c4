package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.stopping.StoppingRule;
import dev.backproplab.core.stopping.StoppingSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.Judgements;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.ddg.DdgConfig;
import dev.backproplab.core.trial.ddg.DdgTrainer;
import dev.backproplab.core.invert.InputJobConfig;
import dev.backproplab.jobs.store.ModelStore;
import dev.backproplab.jobs.store.OutputStore;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
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
  private final SweepLock.Claim claim;
  private final Map<String, Integer> firstAttempt;
  private final double timeLimitSeconds;
  private final StoppingSpec stopping;
  private final boolean saveModels;

  /**
   * @param store where results go
   * @param claim the sweep's lock, which every commit checks this run still owns
   * @param firstAttempt per trial id, the attempt number its next run gets; a trial not in it is new (attempt 1)
   * @param timeLimitSeconds the sweep's max_trial_seconds (infinity for none)
   * @param stopping the sweep's early stopping, or null
   * @param saveModels whether each trial's trained network is written under {@code models/} before its row
   */
  TrialTask(ResultsStore store, SweepLock.Claim claim, Map<String, Integer> firstAttempt, double timeLimitSeconds,
      StoppingSpec stopping, boolean saveModels) {
    this.store = store;
    this.claim = claim;
    this.firstAttempt = firstAttempt;
    this.timeLimitSeconds = timeLimitSeconds;
    this.stopping = stopping;
    this.saveModels = saveModels;
  }

  @Override
  public List<TrialOutcome> apply(TaskContext ctx, scala.collection.Iterator<TrialSpec> specs) {
    return run(ctx, scala.collection.JavaConverters.asJavaIterator(specs), spec -> trainer(spec, ctx, store.root()));
  }

  /**
   * Runs and commits {@code specs} as {@link #apply} does, each trained by the trainer {@code trainers}
   * gives (a barrier trial's module 0: {@link BarrierTrials}).
   */
  List<TrialOutcome> run(TaskContext ctx, Iterator<TrialSpec> it, Function<TrialSpec, Trainer> trainers) {
    TaskEnvironment env = TaskEnvironment.enter(ctx);
    Configuration conf = Spark.hadoopConfiguration();
    try {
      claim.verify(conf); // a run that lost its lock starts no trial (Spark may retry this task)
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the sweep lock " + claim.path(), e);
    }
    List<TrialOutcome> out = new ArrayList<>();
    while (it.hasNext()) {
      TrialSpec spec = it.next();
      int attempt = firstAttempt.getOrDefault(spec.trialId(), 1) + ctx.attemptNumber();
      List<CurvePoint> curve = new ArrayList<>();
      StoppingRule rule;
      try {
        rule = stopping == null ? null : stopping.create(store.rungBoard(spec, conf));
      } catch (IOException e) {
        throw new UncheckedIOException("could not open the rung board in " + store.root(), e);
      }
      Heartbeat beat = new Heartbeat(store.root(), spec, attempt, env.executor(), conf);
      Consumer<CurvePoint> collect = curve::add;
      List<SavedModel> model = new ArrayList<>(1);
      TrialResult result = run(spec, collect.andThen(beat), timeLimitSeconds, rule, trainers,
          saveModels ? model::add : null);
      try {
        for (SavedModel m : model) {
          new ModelStore(store.root()).write(spec.sweepId(), m, conf);
        }
        store.commit(result, curve, new RunContext(attempt, env.executor(), env.gpu(), TaskEnvironment.here()), claim,
            conf);
        beat.clear();
      } catch (IOException e) {
        throw new UncheckedIOException("could not commit trial " + spec.trialId() + " to " + store.root(), e);
      }
      out.add(TrialOutcome.of(result, attempt, env.executor()));
    }
    return out;
  }

  private static TrialResult run(TrialSpec spec, Consumer<CurvePoint> curve, double timeLimitSeconds, StoppingRule rule,
      Function<TrialSpec, Trainer> trainers, Consumer<SavedModel> model) {
    Instant start = Instant.now();
    DataSplit data;
    try {
      data = DataCache.get(spec.dataset(), spec.validation());
    } catch (RuntimeException e) {
      return new TrialResult(spec, TrialStatus.FAILED, "could not load data set: " + e.getMessage(),
          0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, 0.0, start, Instant.now(), null, Judgements.NONE);
    }
    return new TrialRunner().run(spec, data, trainers.apply(spec), curve, timeLimitSeconds, rule, model);
  }

  /**
   * The trial's trainer: its method's own, on the task's BLAS threads; for ddg, one module per core
   * of the task (one BLAS thread each: ND4J's count is process-wide) and the modules placed on the
   * task's GPUs when it holds several; for an input optimisation, one that loads its saved model from
   * the results folder {@code root} (or a path) and writes its outputs under {@code root/outputs}.
   */
  private static Trainer trainer(TrialSpec spec, TaskContext ctx, String root) {
    if (spec.config() instanceof DdgConfig ddg) {
      Threads.useBlasThreads(Math.max(1, ctx.cpus() / ddg.modules()));
      return new DdgTrainer(ddg,
          GpuBinding.perModule(scala.collection.JavaConverters.mapAsJavaMap(ctx.resources()), GpuBinding.ND4J));
    }
    Threads.useBlasThreads(ctx.cpus());
    if (spec.config() instanceof InputJobConfig input) {
      Configuration conf = Spark.hadoopConfiguration();
      ModelStore models = new ModelStore(root);
      OutputStore outputs = new OutputStore(root);
      return input.trainer(id -> models.load(id, conf),
          (name, bytes) -> outputs.write(spec.sweepId(), spec.trialId(), name, bytes, conf));
    }
    return spec.config().trainer();
  }
}
