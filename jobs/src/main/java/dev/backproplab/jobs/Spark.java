package dev.backproplab.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession of a command. The master comes from {@code --master}, else from
 * {@code spark-submit} (the {@code spark.master} property it sets), else {@code local[*]}: the same
 * command runs on a laptop and on a cluster.
 */
public final class Spark {
  private Spark() {}

  /**
   * A session named {@code appName} on {@code master} (null: as above), with Spark's web UI when
   * {@code ui} (worth its second of start-up for a sweep one watches, not for a query).
   */
  public static SparkSession session(String appName, String master, boolean ui) {
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.ui.enabled", Boolean.toString(ui))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.debug.maxToStringFields", "200");
    if (master != null) {
      b.master(master);
    } else if (System.getProperty("spark.master") == null) {
      b.master("local[*]");
    }
    return b.getOrCreate();
  }
}
