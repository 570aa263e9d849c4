package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.Network;

/**
 * The modules of a running {@code ddg} trial as module 0's thread sees them: its own {@link Stage}
 * and the reports of the others. {@link ThreadPipeline} runs modules 1 .. K-1 on threads of this
 * process; {@link SocketPipeline} talks to them in other processes (a barrier trial's Spark tasks).
 * Call order, on module 0's thread: {@link #first()}'s steps with {@link #drain} between them, then at
 * each curve point {@link #await} and {@link #atRest}; {@link #stop} always, last.
 */
abstract class Pipeline {
  /** Starts the modules of a network cut at {@code bounds}; module 0's stage is {@link Pipeline#first()}. */
  @FunctionalInterface
  interface Modules {
    Pipeline start(DdgConfig config, Network net, int[] bounds, int maxRows);
  }

  /** The other modules' reports, which the implementation fills. */
  final Reports reports;

  Pipeline(int modules) {
    reports = new Reports(modules);
  }

  /** Module 0's stage, stepped on the calling thread. */
  abstract Stage first();

  /** Adds the reports that have arrived to {@code account}, without waiting. */
  final void drain(Account account) {
    reports.drain(account);
  }

  /** Waits until every module has reported the first {@code fed} minibatches done. */
  final void await(Account account, long fed) throws InterruptedException {
    reports.await(account, fed);
  }

  /**
   * Once {@link #await} returned, makes {@code net} (module 0's) hold every module's current weights,
   * so that it can be measured.
   */
  abstract void atRest(Network net) throws InterruptedException;

  /**
   * What to throw when module 0's thread was interrupted or its hand-off broke ({@code e}): a module's
   * own error if one failed (a divergence stays a divergence), else {@code e} itself.
   */
  abstract RuntimeException failure(Exception e);

  /**
   * Stops the other modules and waits for them; no thread or connection is left. {@code clean}: the
   * trial ended at rest (budget, time limit, early stop), not by an exception.
   */
  abstract void stop(boolean clean);

  /** {@code f} as what a trial's thread throws: an error as itself, a checked exception wrapped. */
  static RuntimeException unchecked(Throwable f) {
    if (f instanceof Error err) {
      throw err;
    }
    return f instanceof RuntimeException r ? r : new IllegalStateException(f);
  }

  /**
   * Waits for every thread of {@code threads} to end, even if interrupted meanwhile; the calling
   * thread's interruption is then kept (set again).
   */
  static void joinAll(Iterable<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
