package dev.backproplab.jobs.bench;

import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.query.DuckDbEngine;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.QueryResult;
import dev.backproplab.jobs.query.SparkEngine;
import dev.backproplab.jobs.report.Report;
import dev.backproplab.jobs.store.Compaction;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.SweepLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code bpl bench query}: a results folder of {@code trials} trials with {@code points} curve points
 * each ({@link SyntheticResults}, written once and reused), then the best configuration per method
 * through DuckDB and through Spark SQL (a local session, whose start is timed apart), the two answers
 * compared; the same on a compacted copy of the folder ({@code <dir>-compacted}, {@link Compaction}),
 * with the time to compact it; and the time to build a report page and the page's size.
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

    Timings files = time(root, master, out);
    Path compactedDir = dir.resolveSibling(dir.getFileName() + "-compacted");
    copy(dir, compactedDir);
    long tc = System.nanoTime();
    Compaction.Outcome compacted = compact(compactedDir.toString());
    double compactSeconds = seconds(tc);
    Timings one = time(compactedDir.toString(), master, out);

    long t3 = System.nanoTime();
    String html;
    try (QueryEngine duck = duck(root)) {
      html = Report.html(duck, "bench", "bpl bench query", List.of(), java.util.Map.of());
    }
    double reportSeconds = seconds(t3);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;

    out.printf("best configuration per method (%d rows; the engines agree: %s, before and after compaction: %s)%n",
        files.duck.rows().size(), files.agree(),
        files.duck.values("configuration").equals(one.duck.values("configuration")) && one.agree());
    out.printf("  %-36s %12s %12s%n", "", compacted.filesBefore() + " files", compacted.filesAfter() + " files");
    out.printf("  %-36s %10.2f s %10.2f s  (%.1fx)%n", "DuckDB (embedded)", files.duckSeconds, one.duckSeconds,
        files.duckSeconds / one.duckSeconds);
    out.printf("  %-36s %10.2f s %10.2f s  (%.1fx)%n", "  of which views", files.duckOpen, one.duckOpen,
        files.duckOpen / one.duckOpen);
    out.printf("  %-36s %10.2f s %10.2f s  (%.1fx)%n", "Spark SQL (" + master + ", session running)",
        files.sparkSeconds, one.sparkSeconds, files.sparkSeconds / one.sparkSeconds);
    out.printf("  %-36s %10.2f s %10.2f s  (%.1fx)%n", "  of which views", files.sparkOpen, one.sparkOpen,
        files.sparkOpen / one.sparkOpen);
    out.printf("  %-36s %10.2f s %10.2f s%n", "  + Spark session start", files.sparkStart, one.sparkStart);
    out.printf("  compacting the folder (bpl compact): %.2f s%n", compactSeconds);
    out.printf("report page on DuckDB: %.2f s, %,d bytes%n", reportSeconds, bytes);
    out.figure("query_best_configuration_duckdb", files.duckSeconds, "s");
    out.figure("query_best_configuration_spark", files.sparkSeconds, "s");
    out.figure("query_best_configuration_duckdb_compacted", one.duckSeconds, "s");
    out.figure("query_best_configuration_spark_compacted", one.sparkSeconds, "s");
    out.figure("compact_seconds", compactSeconds, "s");
    out.figure("report_seconds", reportSeconds, "s");
    out.figure("report_bytes", bytes, "bytes");
    out.flush();
  }

  /** The best configuration per method on both engines, timed, with the Spark session's start apart. */
  private record Timings(QueryResult duck, QueryResult spark, double duckOpen, double duckSeconds, double sparkStart,
      double sparkOpen, double sparkSeconds) {
    boolean agree() {
      return duck.rows().size() == spark.rows().size()
          && duck.values("configuration").equals(spark.values("configuration"));
    }
  }

  private static Timings time(String root, String master, BenchOutput out) {
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
    return new Timings(duckAnswer, sparkAnswer, duckOpen, duckTotal, sparkStart, sparkOpen, seconds(t2));
  }

  /** Compacts every sweep of {@code root}, as {@code bpl compact} does. */
  private static Compaction.Outcome compact(String root) throws IOException {
    Configuration conf = new Configuration();
    ResultsStore store = new ResultsStore(root);
    int before = 0;
    int after = 0;
    for (String sweep : ResultsFiles.sweeps(root, conf)) {
      try (SweepLock lock = store.lock(sweep, "bpl bench query", conf)) {
        Compaction.Outcome o = Compaction.compact(store, sweep, lock.claim(), conf, 2);
        before += o.filesBefore();
        after += o.filesAfter();
      }
    }
    return new Compaction.Outcome(before, after, List.of());
  }

  /** Replaces {@code to} with a copy of {@code from}. */
  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> old = Files.walk(to)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static QueryEngine duck(String root) {
    return new DuckDbEngine(ResultsFiles.list(root, List.of(), new Configuration()));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
