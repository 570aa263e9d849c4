package dev.backproplab.core.trial.ddg;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The reports modules 1 .. K-1 send module 0's thread, in the order they arrive (from module threads,
 * or from the reader threads of their connections). Bounded: module k can be at most about 2K
 * minibatches ahead of module 0's last {@link #drain}, and the bound is generous.
 */
final class Reports {
  private final BlockingQueue<Stage.Report> queue;

  Reports(int modules) {
    queue = new ArrayBlockingQueue<>(4 * modules * modules + 16);
  }

  /** Adds a report, waiting while the queue is full. */
  void put(Stage.Report r) throws InterruptedException {
    queue.put(r);
  }

  /** Adds the reports that have arrived to {@code account}, without waiting. */
  void drain(Account account) {
    for (Stage.Report r; (r = queue.poll()) != null; ) {
      account.add(r);
    }
  }

  /** Waits until every module has reported the first {@code fed} minibatches done. */
  void await(Account account, long fed) throws InterruptedException {
    drain(account);
    while (!account.allDone(fed)) {
      account.add(queue.take());
    }
  }
}
