package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.Network;

/**
 * The modules of a running {@code ddg} trial as module 0's thread sees them: its own {@link Stage}
 * and the reports of the others. {@link ThreadPipeline} runs modules 1 .. K-1 on threads of this
 * process; {@link SocketPipeline} talks to them in other processes (a barrier trial's Spark tasks).
 * Call order, on module 0's thread: {@link #first()}'s steps with {@link #drain} between them, then at
 * each curve point {@link #await} and {@link #atRest}; {@link #stop} always, last.
 */
interface Pipeline {
  /** Starts the modules of a network cut at {@code bounds}; module 0's stage is {@link Pipeline#first()}. */
  @FunctionalInterface
  interface Modules {
    Pipeline start(DdgConfig config, Network net, int[] bounds, int maxRows);
  }

  /** Module 0's stage, stepped on the calling thread. */
  Stage first();

  /** Adds the reports that have arrived to {@code account}, without waiting. */
  void drain(Account account);

  /** Waits until every module has reported the first {@code fed} minibatches done. */
  void await(Account account, long fed) throws InterruptedException;

  /**
   * Once {@link #await} returned, makes {@code net} (module 0's) hold every module's current weights,
   * so that it can be measured.
   */
  void atRest(Network net) throws InterruptedException;

  /**
   * What to throw when module 0's thread was interrupted or its hand-off broke ({@code e}): a module's
   * own error if one failed (a divergence stays a divergence), else {@code e} itself.
   */
  RuntimeException failure(Exception e);

  /**
   * Stops the other modules and waits for them; no thread or connection is left. {@code clean}: the
   * trial ended at rest (budget, time limit, early stop), not by an exception.
   */
  void stop(boolean clean);

  /** {@code f} as what a trial's thread throws: an error as itself, a checked exception wrapped. */
  static RuntimeException unchecked(Throwable f) {
    if (f instanceof Error err) {
      throw err;
    }
    return f instanceof RuntimeException r ? r : new IllegalStateException(f);
  }
}
