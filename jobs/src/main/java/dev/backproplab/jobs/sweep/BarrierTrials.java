package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.ddg.BarrierModule;
import dev.backproplab.core.trial.ddg.DdgConfig;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction1;

/**
 * Runs a {@code ddg} trial of {@code execution: barrier} as one Spark job of K tasks in barrier
 * execution mode ({@code RDD.barrier()}): Spark starts the K tasks together or not at all, each holds
 * one module ({@link BarrierModule}), listening on its executor's host; {@code
 * BarrierTaskContext.allGather} gives every task the others' addresses, then the modules connect and
 * train with the threaded pipeline's schedule. Task 0 (module 0) runs the trial as {@link TrialTask}
 * runs any trial (heartbeat, time limit, early stopping, its curve, the commit of its one row and, with
 * {@code save_models}, its parameters) and returns its outcome as the job's result; the other tasks
 * return nothing. Each task binds its module to the GPU Spark gave it ({@link TaskEnvironment}).
 *
 * <p>A module that fails, or cannot connect, makes the trial a FAILED row (module 0 records it and the
 * others end normally): the barrier stage itself fails only when a task or executor is lost, and then
 * Spark runs the whole stage again as the trial's next attempt.
 */
final class BarrierTrials {
  /** How long a module waits for the others to connect once the addresses are known. */
  private static final Duration CONNECT = Duration.ofSeconds(120);

  private BarrierTrials() {}

  /** Whether {@code trial} runs as barrier tasks. */
  static boolean wants(TrialSpec trial) {
    return trial.config() instanceof DdgConfig ddg && ddg.execution() == DdgConfig.Execution.BARRIER;
  }

  /** Runs {@code trial} as one barrier job of K tasks, committing it through {@code task}; its outcome. */
  static List<TrialOutcome> run(JavaSparkContext jsc, TrialSpec trial, TrialTask task) {
    int k = ((DdgConfig) trial.config()).modules();
    ClassTag<List<TrialOutcome>> tag = scala.reflect.ClassTag$.MODULE$.apply(List.class);
    RDD<List<TrialOutcome>> modules = jsc.parallelize(Collections.nCopies(k, trial), k).rdd().barrier()
        .mapPartitions(new Module(task), false, tag);
    List<TrialOutcome> out = new ArrayList<>();
    modules.toJavaRDD().collect().forEach(out::addAll);
    return out;
  }

  /** One barrier task: module {@code partitionId} of the trial. */
  private static final class Module
      extends AbstractFunction1<scala.collection.Iterator<TrialSpec>, scala.collection.Iterator<List<TrialOutcome>>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TrialTask task;

    Module(TrialTask task) {
      this.task = task;
    }

    @Override
    public scala.collection.Iterator<List<TrialOutcome>> apply(scala.collection.Iterator<TrialSpec> specs) {
      BarrierTaskContext ctx = BarrierTaskContext.get();
      TrialSpec spec = specs.next();
      DdgConfig config = (DdgConfig) spec.config();
      int m = ctx.partitionId();
      int k = config.modules();
      String host = SparkEnv.get().blockManager().blockManagerId().host();
      List<TrialOutcome> out;
      try (BarrierModule module = open(m, k, host)) {
        String[] addresses = ctx.allGather(module == null ? "" : module.address());
        IOException unreachable = connect(module, m, k, host, addresses);
        if (m == 0) {
          out = task.run(ctx, List.of(spec).iterator(), s -> unreachable == null ? module.trainer(config)
              : failing(unreachable));
        } else {
          if (unreachable == null) {
            TaskEnvironment.enter(ctx);
            module.serve(config, spec, () -> DataCache.get(spec.dataset(), spec.validation()));
          }
          out = List.of();
        }
      }
      return JavaConverters.asScalaIterator(List.of(out).iterator());
    }

    /** This module's server socket, or null when it cannot listen (every task still joins allGather). */
    private static BarrierModule open(int m, int k, String host) {
      try {
        return BarrierModule.open(m, k, host);
      } catch (IOException e) {
        return null;
      }
    }

    private static IOException connect(BarrierModule module, int m, int k, String host, String[] addresses) {
      for (int i = 0; i < addresses.length; i++) {
        if (addresses[i].isEmpty()) {
          return new IOException("module " + i + " of " + k + " could not listen on its executor's host");
        }
      }
      try {
        module.connect(List.of(addresses), CONNECT);
        return null;
      } catch (IOException e) {
        return e;
      }
    }

    private static Trainer failing(IOException e) {
      return (spec, data, progress) -> {
        throw new UncheckedIOException("the trial's modules could not connect: " + e.getMessage(), e);
      };
    }
  }
}
