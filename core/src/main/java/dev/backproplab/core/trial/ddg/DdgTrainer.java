package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.Segment;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.trial.Diagnostics;
import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains a trial by decoupled parallel backprop (Huo, Gu, Yang &amp; Huang, ICML 2018, "Decoupled
 * Parallel Backpropagation with Convergence Guarantee"): the network cut into K modules ({@link
 * Split#balanced}, or where {@code split} says: {@link Split#at}), module 0 run on the trial's own thread, modules 1 .. K-1 on threads of their own
 * ({@link Stage} gives the schedule). Backward locking is gone: module k applies the gradient of the
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
    this.config = config;
    this.placement = placement;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = config.gradient();
    Examples train = data.train();
    Seeds seeds = spec.seeds();
    Network net = Networks.build(spec.model(), train, cfg.dataType(), seeds.seed(Seeds.Stream.INIT));
    int k = config.modules();
    int[] bounds = config.split().isEmpty()
        ? Split.balanced(net.layers(), k, config.delayedWeights() == DdgConfig.DelayedWeights.CURRENT)
        : Split.at(net.layers(), config.split());
    Stage[] stages = stages(net, bounds, Math.min(cfg.batchSize(), train.size()));
    Shuffle shuffle = new Shuffle(train.size(), seeds.random(Seeds.Stream.SHUFFLE));
    placement.enter(0, k);
    progress.measure(net, null, Diagnostics.NONE);
    Pipeline pipeline = new Pipeline(stages, placement);
    try {
      Account account = new Account(k);
      int n = train.size();
      while (!progress.exhausted()) {
        int[] order = shuffle.next();
        for (int from = 0; from < n && !progress.exhausted(); ) {
          int size = Math.min(cfg.batchSize(), n - from);
          pipeline.drain(account);
          account.add(stages[0].step(train, order, from, size));
          progress.step(size, 1);
          from += size;
          if (from >= n) {
            progress.epochDone();
          }
        }
        pipeline.await(account, progress.steps());
        progress.measure(net, account.trainLoss(), account.diagnostics());
      }
    } catch (InterruptedException e) {
      throw pipeline.failure(e);
    } finally {
      pipeline.stop();
    }
  }

  private Stage[] stages(Network net, int[] bounds, int maxRows) {
    int k = bounds.length - 1;
    Segment[] segments = new Segment[k];
    Channel[] up = new Channel[k];
    Channel[] down = new Channel[k];
    for (int m = 0; m < k; m++) {
      segments[m] = new Segment(net, bounds[m], bounds[m + 1], k - m);
      if (m > 0) {
        int width = segments[m].inputWidth();
        up[m] = new Channel("activations " + (m - 1) + "->" + m, 2, maxRows, width, net.dataType());
        down[m] = new Channel("errors " + m + "->" + (m - 1), 2, maxRows, width, net.dataType());
      }
    }
    Stage[] stages = new Stage[k];
    for (int m = 0; m < k; m++) {
      Updater updater = Updater.create(config.gradient().updater(), segments[m].paramArray());
      stages[m] = new Stage(m, k, segments[m], updater, config.delayedWeights(), up[m],
          m + 1 < k ? up[m + 1] : null, m + 1 < k ? down[m + 1] : null, down[m]);
    }
    return stages;
  }

  /** The losses and per-module figures since the last curve point. */
  private static final class Account {
    private final long[] done;
    private final double[] stalenessSum;
    private final long[] updates;
    private final double[] lastNorm;
    private double lossSum;
    private long lossSamples;

    Account(int modules) {
      done = new long[modules];
      stalenessSum = new double[modules];
      updates = new long[modules];
      lastNorm = new double[modules];
      Arrays.fill(lastNorm, Double.NaN);
    }

    void add(Stage.Report r) {
      done[r.module()] = r.seq() + 1;
      if (!Double.isNaN(r.loss())) {
        lossSum += r.loss() * r.size();
        lossSamples += r.size();
      }
      if (r.staleness() >= 0) {
        stalenessSum[r.module()] += r.staleness();
        updates[r.module()]++;
      }
      if (!Double.isNaN(r.gradientNorm())) {
        lastNorm[r.module()] = r.gradientNorm();
      }
    }

    boolean allDone(long fed) {
      for (long d : done) {
        if (d < fed) {
          return false;
        }
      }
      return true;
    }

    Double trainLoss() {
      Double loss = lossSamples == 0 ? null : lossSum / lossSamples;
      lossSum = 0;
      lossSamples = 0;
      return loss;
    }

    Diagnostics diagnostics() {
      int k = done.length;
      double[] staleness = new double[k];
      for (int m = 0; m < k; m++) {
        staleness[m] = updates[m] == 0 ? Double.NaN : stalenessSum[m] / updates[m];
        stalenessSum[m] = 0;
        updates[m] = 0;
      }
      return Diagnostics.ofModules(staleness, lastNorm.clone());
    }
  }

  /** The module threads 1 .. K-1 and the reports they send to module 0's thread. */
  private static final class Pipeline {
    private final BlockingQueue<Stage.Report> reports;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread driver = Thread.currentThread();

    Pipeline(Stage[] stages, ModuleThreads placement) {
      int k = stages.length;
      // module k can be at most about 2K minibatches ahead of module 0's last drain: a generous bound
      reports = new ArrayBlockingQueue<>(4 * k * k + 16);
      for (int m = 1; m < k; m++) {
        Stage stage = stages[m];
        int module = m;
        Thread t = new Thread(() -> run(stage, module, k, placement), "ddg-module-" + m + "-of-" + k);
        t.setDaemon(true);
        threads.add(t);
      }
      threads.forEach(Thread::start);
    }

    private void run(Stage stage, int module, int modules, ModuleThreads placement) {
      try {
        placement.enter(module, modules);
        while (true) {
          reports.put(stage.step());
        }
      } catch (InterruptedException e) {
        // the pipeline is stopping
      } catch (Throwable e) {
        if (failure.compareAndSet(null, e)) {
          driver.interrupt();
        }
      }
    }

    /** Takes the reports that are there, without waiting. */
    void drain(Account account) {
      for (Stage.Report r; (r = reports.poll()) != null; ) {
        account.add(r);
      }
    }

    /** Waits until every module has finished the first {@code fed} minibatches. */
    void await(Account account, long fed) throws InterruptedException {
      drain(account);
      while (!account.allDone(fed)) {
        account.add(reports.take());
      }
    }

    /**
     * What to throw when module 0's thread was interrupted: a module's error if one failed (a
     * divergence stays a divergence), else the interruption itself.
     */
    RuntimeException failure(InterruptedException e) {
      Throwable f = failure.get();
      if (f == null) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("the trial's thread was interrupted", e);
      }
      if (f instanceof Error err) {
        throw err;
      }
      return f instanceof RuntimeException r ? r : new IllegalStateException(f);
    }

    /**
     * Stops every module thread and waits for each to end. An interruption of the trial's thread from
     * outside is kept; one a failing module made is cleared.
     */
    void stop() {
      threads.forEach(Thread::interrupt);
      boolean interrupted = Thread.interrupted();
      for (Thread t : threads) {
        while (t.isAlive()) {
          try {
            t.join();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted && failure.get() == null) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
