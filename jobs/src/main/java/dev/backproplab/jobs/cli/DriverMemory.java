package dev.backproplab.jobs.cli;

import java.util.function.Supplier;

/**
 * Turns an out-of-memory while the driver loads a data set into a message that says which setting
 * gives the driver more memory, instead of an {@link OutOfMemoryError} and its stack trace.
 */
final class DriverMemory {
  private DriverMemory() {}

  /** Thrown when the driver ran out of memory; the CLI prints its message and exits 1. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Runs {@code load}, which loads {@code dataset} on the driver. */
  static <T> T whileLoading(String dataset, Supplier<T> load) {
    try {
      return load.get();
    } catch (OutOfMemoryError e) {
      long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
      throw new Exhausted("out of memory on the driver while loading the data set '" + dataset + "' (Java heap "
          + maxMiB + " MiB): give the driver more memory: BPL_JAVA_OPTS=-Xmx<size> for jobs/bin/bpl,"
          + " --driver-memory <size> for spark-submit (spark.driver.memory)", e);
    }
  }
}
