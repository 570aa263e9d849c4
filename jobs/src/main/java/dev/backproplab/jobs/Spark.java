package dev.backproplab.jobs;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.registry.DataEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession of a command. The master comes from {@code --master}, else from
 * {@code spark-submit} (the {@code spark.master} property it sets), else {@code local[*]}: the same
 * command runs on a laptop and on a cluster.
 */
public final class Spark {
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|yarn|(spark|k8s|mesos)://\\S+");

  private Spark() {}

  /**
   * The Hadoop configuration of this application, with Spark's {@code spark.hadoop.*} settings
   * applied (S3 credentials and endpoints, HDFS settings given with {@code --conf} or in
   * spark-defaults.conf): on an executor from its Spark configuration, on the driver from the one
   * spark-submit passes, before or after the session starts. Everything that reads or writes files
   * (the sweep file, data sets on driver and executors, the results) goes through it. Built once per
   * JVM (building one parses Hadoop's XML resources); callers only read it.
   */
  public static synchronized Configuration hadoopConfiguration() {
    if (hadoop == null) {
      hadoop = SparkHadoopUtil.get().newConfiguration(sparkConf());
    }
    return hadoop;
  }

  private static Configuration hadoop;

  /** The running application's Spark configuration, or the one spark-submit passed when none runs yet. */
  private static SparkConf sparkConf() {
    SparkEnv env = SparkEnv.get();
    return env != null ? env.conf() : new SparkConf();
  }

  /**
   * Where named data sets are looked for: {@code --conf spark.bpl.data.dir=DIR} (reaches the driver
   * in cluster deploy mode and every executor), else {@code $BPL_DATA_DIR}.
   */
  public static DataEnvironment dataEnvironment() {
    DataEnvironment system = DataEnvironment.fromSystem();
    String configured = sparkConf().get(DATA_DIR_KEY, "");
    return configured.isBlank() ? system : new DataEnvironment(Optional.of(configured), system.home());
  }

  /**
   * The system property {@code jobs/bin/bpl} sets to the shaded application jar, which a session on a
   * cluster master ships to its executors as {@code spark.jars} (spark-submit ships it itself).
   */
  public static final String APP_JAR_PROPERTY = "bpl.app.jar";

  /** The Spark configuration key of the data directory (see {@link #dataEnvironment}). */
  public static final String DATA_DIR_KEY = "spark.bpl.data.dir";

  /**
   * Checks a {@code --master} value (null: none given) before anything starts.
   *
   * @throws InvalidInputException naming the option and the forms Spark accepts
   */
  public static void checkMaster(String master) {
    if (master != null && !MASTER.matcher(master).matches()) {
      throw new InvalidInputException("--master '" + master + "' is not a Spark master URL: expected local,"
          + " local[N], local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT");
    }
  }

  /**
   * A session named {@code appName} on {@code master} (null: as above), with Spark's web UI when
   * {@code ui} (worth its second of start-up for a sweep one watches, not for a query).
   */
  public static SparkSession session(String appName, String master, boolean ui) {
    return session(appName, master, ui, Map.of());
  }

  /** As {@link #session(String, String, boolean)}, with further project defaults the user's settings override. */
  public static SparkSession session(String appName, String master, boolean ui, Map<String, String> defaults) {
    checkMaster(master);
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    Map<String, String> all = new java.util.LinkedHashMap<>(defaults);
    all.putAll(Map.of("spark.ui.enabled", Boolean.toString(ui), "spark.sql.session.timeZone", "UTC",
        "spark.ui.showConsoleProgress", "false", "spark.sql.debug.maxToStringFields", "200"));
    // project defaults; a value the user gave (--conf, spark-defaults.conf) wins
    all.forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        b.config(key, value);
      }
    });
    String appJar = System.getProperty(APP_JAR_PROPERTY);
    String effective = master != null ? master : System.getProperty("spark.master", "local[*]");
    if (appJar != null && !effective.startsWith("local") && System.getProperty("spark.jars") == null) {
      b.config("spark.jars", appJar); // jobs/bin/bpl --master spark://...: executors need the project's classes
    }
    if (master != null) {
      b.master(master);
    } else if (System.getProperty("spark.master") == null) {
      b.master("local[*]");
    }
    return b.getOrCreate();
  }
}
