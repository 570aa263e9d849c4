package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.Diagnostics;
import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;

/**
 * Trains a trial by decoupled parallel backprop (Huo, Gu, Yang &amp; Huang, ICML 2018, "Decoupled
 * Parallel Backpropagation with Convergence Guarantee"): the network cut into K modules ({@link
 * Split#balanced}, or where {@code split} says: {@link Split#at}), module 0 run on the trial's own
 * thread, modules 1 .. K-1 on threads of their own ({@link ThreadPipeline}) or, in barrier execution,
 * in other processes linked by TCP ({@link SocketPipeline}, {@link BarrierModule}); {@link Stage} gives
 * the schedule, the same either way. Backward locking is gone: module k applies the gradient of the
 * minibatch it forwarded K - 1 - k steps earlier, so no module waits for the whole backward chain.
 *
 * <p>Module 0's thread also drives the trial: it feeds the minibatches (one seeded order per epoch,
 * as {@code bp}), counts each in {@code samples_seen} as it enters the pipeline, and before each
 * curve point waits until every module has finished the last minibatch fed. The network is then at
 * rest (the errors still in flight stay in their channels), and the point is measured; training
 * goes on exactly as if it had not paused. At the end of the budget the errors still in flight
 * (K - 1 - k minibatches for module k) are not applied.
 *
 * <p>Threads: the module threads are started per trial and always stopped before {@link #train}
 * returns or throws: at the end of the budget, the time limit, an early stop, on divergence (a
 * non-finite loss in the top module) or an error in any module (the first error is rethrown on the
 * trial's thread, the others are interrupted). BLAS threads are process-wide in ND4J: a job gives a
 * ddg trial K cores and sets one BLAS thread per module. {@link ModuleThreads} lets a job place each
 * module's thread (on a GPU of its own) before it computes.
 *
 * <p>Curve points carry, per module, the mean staleness of the gradients applied since the last point
 * (K - 1 - k once the pipeline is full) and the norm of its most recent measured gradient ({@link
 * Stage#NORM_EVERY}).
 */
public final class DdgTrainer implements Trainer {
  private final DdgConfig config;
  private final ModuleThreads placement;
  private final Pipeline.Modules modules;

  /** Places a module's thread before it computes (binds it to a device); called on that thread. */
  @FunctionalInterface
  public interface ModuleThreads {
    /** Leaves every thread where it is. */
    ModuleThreads NONE = (module, modules) -> {};

    /** Called on module {@code module}'s thread (module 0: the trial's thread) before it computes. */
    void enter(int module, int modules);
  }

  /** A trainer for {@code config} whose module threads {@code placement} places. */
  public DdgTrainer(DdgConfig config, ModuleThreads placement) {
    this(config, placement, ThreadPipeline.of(placement));
  }

  /** A trainer for {@code config}: {@code modules} starts modules 1 .. K-1, {@code placement} places module 0. */
  DdgTrainer(DdgConfig config, ModuleThreads placement, Pipeline.Modules modules) {
    this.config = config;
    this.placement = placement;
    this.modules = modules;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = config.gradient();
    Examples train = data.train();
    Seeds seeds = spec.seeds();
    Network net = Networks.build(spec.model(), train, cfg.dataType(), seeds.seed(Seeds.Stream.INIT));
    int k = config.modules();
    int[] bounds = bounds(config, net);
    Shuffle shuffle = new Shuffle(train.size(), seeds.random(Seeds.Stream.SHUFFLE));
    placement.enter(0, k);
    progress.measure(net, null, Diagnostics.NONE);
    Pipeline pipeline = modules.start(config, net, bounds, maxRows(config, train));
    boolean clean = false;
    try {
      Account account = new Account(k);
      int n = train.size();
      while (!progress.exhausted()) {
        int[] order = shuffle.next();
        for (int from = 0; from < n && !progress.exhausted(); ) {
          int size = Math.min(cfg.batchSize(), n - from);
          pipeline.drain(account);
          account.add(pipeline.first().step(train, order, from, size));
          progress.step(size, 1);
          from += size;
          if (from >= n) {
            progress.epochDone();
          }
        }
        pipeline.await(account, progress.steps());
        pipeline.atRest(net);
        progress.measure(net, account.trainLoss(), account.diagnostics());
      }
      clean = true;
    } catch (InterruptedException | IllegalStateException e) {
      throw pipeline.failure(e);
    } finally {
      pipeline.stop(clean);
    }
  }

  /** Where {@code config} cuts {@code net}: the first layer of each module, then the depth. */
  static int[] bounds(DdgConfig config, Network net) {
    return config.split().isEmpty()
        ? Split.balanced(net.layers(), config.modules(), config.delayedWeights() == DdgConfig.DelayedWeights.CURRENT)
        : Split.at(net.layers(), config.split());
  }

  /** The largest minibatch of a trial of {@code config} on {@code train}. */
  static int maxRows(DdgConfig config, Examples train) {
    return Math.min(config.gradient().batchSize(), train.size());
  }
}
