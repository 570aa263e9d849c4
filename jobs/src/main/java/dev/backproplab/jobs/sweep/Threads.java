package dev.backproplab.jobs.sweep;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The BLAS thread budget of this JVM. ND4J's thread count is process-wide, not per thread (see
 * docs/stack.md), so the budget follows Spark's: each task gets {@code spark.task.cpus} BLAS threads and
 * the executor runs one task per that many cores, so tasks never oversubscribe the cores they own.
 */
public final class Threads {
  private static volatile int current = -1;

  private Threads() {}

  /** Sets ND4J's BLAS threads to {@code n} for this process, once per change. */
  public static synchronized void useBlasThreads(int n) {
    if (current != n) {
      Nd4j.factory().blas().setMaxThreads(n);
      current = n;
    }
  }
}
