package dev.backproplab.jobs.bench;

import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.query.DuckDbEngine;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.QueryResult;
import dev.backproplab.jobs.query.SparkEngine;
import dev.backproplab.jobs.report.Report;
import dev.backproplab.jobs.store.ResultsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code bpl bench query}: a results folder of {@code trials} trials with {@code points} curve points
 * each ({@link SyntheticResults}, written once and reused), then the best configuration per method
 * through DuckDB and through Spark SQL (a local session, whose start is timed apart), the two answers
 * compared, and the time to build a report page from it and the page's size.
 */
public final class QueryBench {
  private static final String BEST = "SELECT * FROM best_configuration ORDER BY dataset, method";

  private QueryBench() {}

  /** Runs the benchmark on the folder {@code dir}, writing it first if it holds no results. */
  public static void run(Path dir, int trials, int points, String master, BenchOutput out) throws IOException {
    String root = dir.toString();
    if (!Files.exists(dir.resolve("trials"))) {
      long t = System.nanoTime();
      SyntheticResults.write(root, "bench", trials, points, 42);
      out.printf("wrote %d trials x %d points into %s in %.1f s%n", trials, points, root, seconds(t));
    } else {
      out.printf("reusing the results in %s%n", root);
    }
    QueryResult rows;
    try (QueryEngine probe = duck(root)) {
      rows = probe.query("SELECT count(*) AS curve_rows, count(DISTINCT trial_id) AS trials FROM curves");
    }
    out.printf("curve rows %s, trials %s%n%n", rows.rows().get(0).get(0), rows.rows().get(0).get(1));

    long t0 = System.nanoTime();
    QueryResult duckAnswer;
    double duckOpen;
    try (QueryEngine duck = duck(root)) {
      duckOpen = seconds(t0);
      duckAnswer = duck.query(BEST);
    }
    double duckTotal = seconds(t0);

    long t1 = System.nanoTime();
    var session = Spark.session("bpl bench query", master, false);
    double sparkStart = seconds(t1);
    long t2 = System.nanoTime();
    QueryResult sparkAnswer;
    double sparkOpen;
    try (QueryEngine spark = new SparkEngine(session, true, root, List.of())) {
      sparkOpen = seconds(t2);
      sparkAnswer = spark.query(BEST);
    }
    double sparkTotal = seconds(t2);

    long t3 = System.nanoTime();
    String html;
    try (QueryEngine duck = duck(root)) {
      html = Report.html(duck, "bench", "bpl bench query", List.of(), java.util.Map.of());
    }
    double reportSeconds = seconds(t3);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;

    out.printf("best configuration per method (%d rows; the engines agree: %s)%n", duckAnswer.rows().size(),
        duckAnswer.rows().size() == sparkAnswer.rows().size()
            && duckAnswer.values("configuration").equals(sparkAnswer.values("configuration")));
    out.printf("  %-34s %8.2f s  (views %.2f s, query %.2f s)%n", "DuckDB (embedded)", duckTotal, duckOpen,
        duckTotal - duckOpen);
    out.printf("  %-34s %8.2f s  (views %.2f s, query %.2f s)%n", "Spark SQL (" + session.sparkContext().master()
        + ", session running)", sparkTotal, sparkOpen, sparkTotal - sparkOpen);
    out.printf("  %-34s %8.2f s%n", "  + Spark session start", sparkStart);
    out.printf("  Spark / DuckDB: %.1fx (%.1fx with the session start)%n", sparkTotal / duckTotal,
        (sparkTotal + sparkStart) / duckTotal);
    out.printf("report page on DuckDB: %.2f s, %,d bytes%n", reportSeconds, bytes);
    out.figure("query_best_configuration_duckdb", duckTotal, "s");
    out.figure("query_best_configuration_spark", sparkTotal, "s");
    out.figure("report_seconds", reportSeconds, "s");
    out.figure("report_bytes", bytes, "bytes");
    out.flush();
  }

  private static QueryEngine duck(String root) {
    return new DuckDbEngine(ResultsFiles.list(root, List.of(), new Configuration()));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
