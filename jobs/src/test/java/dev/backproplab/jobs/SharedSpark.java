package dev.backproplab.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM (local[2], no UI), started on first use and stopped by Spark's
 * shutdown hook, as Spark's own {@code SharedSparkSession} does: sessions are expensive to start and
 * only one may run per JVM.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  /** The shared session. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("backprop-lab tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return session;
  }
}
