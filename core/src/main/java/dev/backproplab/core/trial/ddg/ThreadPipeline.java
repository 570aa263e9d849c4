package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Modules 1 .. K-1 of a {@code ddg} trial on threads of their own in this process, sharing module 0's
 * network (each module writes only its own layers), handing off through {@link Channel}s, and sending
 * their reports to module 0's thread through a queue. A module's error interrupts module 0's thread,
 * which rethrows it ({@link #failure}); {@link #stop} interrupts and joins every module thread.
 */
final class ThreadPipeline extends Pipeline {
  /** Minibatches in flight on one edge; {@link SocketPipeline} bounds its links the same. */
  static final int CAPACITY = 2;

  private final Stage first;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Thread driver = Thread.currentThread();

  /** Starts the module threads of {@code net} cut at {@code bounds}, each placed by {@code placement}. */
  static Pipeline.Modules of(DdgTrainer.ModuleThreads placement) {
    return (config, net, bounds, maxRows) -> new ThreadPipeline(stages(config, net, bounds, maxRows), placement);
  }

  private static Stage[] stages(DdgConfig config, Network net, int[] bounds, int maxRows) {
    int k = bounds.length - 1;
    Segment[] segments = new Segment[k];
    Channel[] up = new Channel[k];
    Channel[] down = new Channel[k];
    for (int m = 0; m < k; m++) {
      segments[m] = new Segment(net, bounds[m], bounds[m + 1], k - m);
      if (m > 0) {
        int width = segments[m].inputWidth();
        up[m] = new Channel("activations " + (m - 1) + "->" + m, CAPACITY, maxRows, width, net.dataType());
        down[m] = new Channel("errors " + m + "->" + (m - 1), CAPACITY, maxRows, width, net.dataType());
      }
    }
    Stage[] stages = new Stage[k];
    for (int m = 0; m < k; m++) {
      stages[m] = Stage.of(config, m, k, segments[m], up[m], m + 1 < k ? up[m + 1] : null,
          m + 1 < k ? down[m + 1] : null, down[m]);
    }
    return stages;
  }

  private ThreadPipeline(Stage[] stages, DdgTrainer.ModuleThreads placement) {
    super(stages.length);
    int k = stages.length;
    first = stages[0];
    for (int m = 1; m < k; m++) {
      Stage stage = stages[m];
      int module = m;
      Thread t = new Thread(() -> run(stage, module, k, placement), "ddg-module-" + m + "-of-" + k);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
  }

  private void run(Stage stage, int module, int modules, DdgTrainer.ModuleThreads placement) {
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

  @Override
  Stage first() {
    return first;
  }

  /** Nothing to do: the modules train module 0's own network. */
  @Override
  void atRest(Network net) {}

  @Override
  RuntimeException failure(Exception e) {
    Throwable f = failure.get();
    if (f == null) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("the trial's thread was interrupted", e);
      }
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    return Pipeline.unchecked(f);
  }

  /**
   * Stops every module thread and waits for each to end. An interruption of the trial's thread from
   * outside is kept; one a failing module made is cleared.
   */
  @Override
  void stop(boolean clean) {
    threads.forEach(Thread::interrupt);
    boolean interrupted = Thread.interrupted();
    Pipeline.joinAll(threads);
    if ((Thread.interrupted() || interrupted) && failure.get() == null) {
      Thread.currentThread().interrupt();
    }
  }
}
