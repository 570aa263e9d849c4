package dev.backproplab.jobs;

import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.SweepFileParser;
import dev.backproplab.jobs.sweep.SweepJob;
import dev.backproplab.jobs.sweep.SweepSummary;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for every Spark test in the test JVM (starting one costs seconds). */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("backprop-lab tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.debug.maxToStringFields", "200")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /**
   * Runs the sweep file {@code text} (called {@code file} in messages) into the results folder
   * {@code out} on the shared session, its progress written to {@code log}.
   */
  public static SweepSummary runSweep(String text, String file, Path out, Writer log) throws Exception {
    SweepJob job = new SweepJob(SweepFileParser.parse(text, file), file, text,
        new ResultsStore(out.toString()), new PrintWriter(log, true));
    return job.run(session(), job.validate());
  }
}
