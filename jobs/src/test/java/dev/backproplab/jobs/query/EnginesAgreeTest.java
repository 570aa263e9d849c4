package dev.backproplab.jobs.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.bench.SyntheticResults;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ViewsSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same queries through DuckDB and Spark SQL on the same results folder give the same answers:
 * every view of views.sql and a few ad-hoc queries, on a folder with retried trials, diverged ones,
 * alignment and derivative-free diagnostics, and one sweep whose files carry validation columns
 * (as newer writers add them) beside sweeps whose files do not.
 */
@Tag("spark")
class EnginesAgreeTest {
  @TempDir static Path dir;
  static String root;
  static DuckDbEngine duck;
  static SparkEngine spark;

  @BeforeAll
  static void setUp() throws Exception {
    root = dir.resolve("results").toString();
    SyntheticResults.write(root, "synthetic", 36, 20, 11);
    SyntheticResults.write(root, "older", 12, 10, 12, false);
    SyntheticResults.write(root, "synthetic.night-2", 12, 10, 13);
    addValidationSweep(SharedSpark.session(), root, dir);
    duck = new DuckDbEngine(ResultsFiles.list(root, List.of(), new Configuration()));
    spark = new SparkEngine(SharedSpark.session(), false, root, List.of());
  }

  @AfterAll
  static void tearDown() {
    duck.close();
    spark.close();
  }

  /**
   * Copies sweep "older" as sweep "withval", its files gaining validation columns whose accuracy
   * ranks the configurations in the reverse of the test accuracy.
   */
  static void addValidationSweep(SparkSession s, String root, Path tmpDir) throws Exception {
    for (String table : List.of("trials", "curves")) {
      Path src = Path.of(root, table, "sweep_id=older");
      try (Stream<Path> methods = Files.list(src)) {
        for (Path m : methods.toList()) {
          var d = s.read().parquet(m.toString());
          d = table.equals("trials")
              ? d.withColumn("final_val_accuracy", functions.lit(1.0).minus(functions.col("final_test_accuracy")))
                  .withColumn("final_val_loss", functions.col("final_test_loss"))
                  .withColumn("best_val_accuracy", functions.lit(1.0).minus(functions.col("best_test_accuracy")))
              : d.withColumn("val_accuracy", functions.lit(1.0).minus(functions.col("test_accuracy")))
                  .withColumn("val_loss", functions.col("test_loss"));
          Path tmp = tmpDir.resolve("tmp-" + table + "-" + m.getFileName());
          d.coalesce(1).write().parquet(tmp.toString());
          Path target = Path.of(root, table, "sweep_id=withval", m.getFileName().toString());
          Files.createDirectories(target);
          try (Stream<Path> parts = Files.list(tmp)) {
            Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            Files.copy(part, target.resolve("0000000000000000-1.parquet"));
          }
        }
      }
    }
  }

  @Test
  void everyViewGivesTheSameAnswerOnBothEngines() {
    for (ViewsSql.View v : ViewsSql.views()) {
      String sql = "SELECT * FROM " + v.name();
      QueryResult a = duck.query(sql);
      QueryResult b = spark.query(sql);
      assertEquals(a.columns(), b.columns(), v.name());
      assertFalse(a.rows().isEmpty(), v.name() + " is empty");
      assertSame(v.name(), a, b);
    }
  }

  @Test
  void aRunsSweepIdSplitsIntoNameAndRunIdOnBothEngines() {
    String q = "SELECT DISTINCT sweep_id, sweep_name, run_id FROM curves ORDER BY sweep_id";
    QueryResult a = duck.query(q);
    assertSame(q, a, spark.query(q));
    assertTrue(a.rows().contains(java.util.Arrays.asList("synthetic.night-2", "synthetic", "night-2")), a.rows().toString());
    assertTrue(a.rows().contains(java.util.Arrays.asList("synthetic", "synthetic", null)), a.rows().toString());
    QueryResult runs = duck.query("SELECT sweep_name, run_id FROM sweep_runs WHERE run_id IS NOT NULL");
    assertEquals(List.of(List.of("synthetic", "night-2")), runs.rows());
  }

  @Test
  void adHocQueriesGiveTheSameAnswerOnBothEngines() {
    List<String> queries = List.of(
        "SELECT method, params['lr'] AS lr, count(*) AS n, avg(final_test_accuracy) AS acc FROM trials"
            + " GROUP BY method, params['lr']",
        "SELECT sweep_id, trial_id, attempt, status FROM trial_attempts WHERE attempt > 1 OR status = 'FAILED'",
        "WITH last AS (SELECT trial_id, max(samples_seen) AS s FROM curves GROUP BY trial_id)"
            + " SELECT count(*) AS n, sum(s) AS total FROM last",
        "SELECT status, count(*) AS n FROM trials WHERE sweep_id = 'synthetic' GROUP BY status",
        "SELECT trial_id, max(blackbox_calls) AS calls, round(avg(blackbox_angle), 9) AS angle FROM curves"
            + " WHERE blackbox_calls IS NOT NULL GROUP BY trial_id");
    for (String q : queries) {
      assertSame(q, duck.query(q), spark.query(q));
    }
    assertFalse(duck.query(queries.get(1)).rows().isEmpty(), "the folder has retried trials");
    assertFalse(duck.query(queries.get(4)).rows().isEmpty(), "the folder has trials through a blackbox");
  }

  @Test
  void bestConfigurationUsesValidationWhereTheTrialsMeasuredIt() {
    String q = "SELECT sweep_id, method, configuration, final_test_accuracy, final_val_accuracy FROM trials";
    DuckDbEngine withval = new DuckDbEngine(ResultsFiles.list(root, List.of("withval"), new Configuration()));
    QueryResult best = withval.query("SELECT b.selected_by, b.configuration, b.method FROM best_configuration b"
        + " WHERE b.selected_by = 'validation'");
    assertFalse(best.rows().isEmpty(), "a configuration selected by validation");
    // the validation sweep ranks configurations against test accuracy: its picks are worst on test
    QueryResult worstOnTest = withval.query(
        "SELECT method, configuration FROM (SELECT method, configuration, row_number() OVER (PARTITION BY method"
            + " ORDER BY avg(final_test_accuracy) ASC NULLS LAST, configuration) AS r FROM trials"
            + " WHERE sweep_id = 'withval' GROUP BY method, configuration) x WHERE r = 1");
    assertTrue(duck.query(q).rows().size() > 0);
    for (List<Object> row : best.rows()) {
      assertTrue(worstOnTest.rows().contains(List.of(row.get(2), row.get(1))), row.toString());
    }
    QueryResult older = new DuckDbEngine(ResultsFiles.list(root, List.of("older"), new Configuration()))
        .query("SELECT DISTINCT selected_by FROM best_configuration");
    assertEquals(List.of(List.of("test")), older.rows(), "files without validation fall back to test accuracy");
  }

  @Test
  void bandsOverRepeatsLeaveDivergedTrialsOut() {
    String bands = "SELECT dataset, method, max(repeats) AS n FROM best_curve_bands GROUP BY dataset, method";
    String finite = "SELECT b.dataset, b.method, count(*) AS n FROM best_configuration b JOIN trials t"
        + " ON t.dataset = b.dataset AND t.method = b.method AND t.model = b.model AND t.budget = b.budget"
        + " AND t.configuration = b.configuration WHERE t.status <> 'DIVERGED' GROUP BY b.dataset, b.method";
    assertSame("repeats in the bands", duck.query(finite), duck.query(bands));
    assertSame("repeats in the bands on Spark", duck.query(bands), spark.query(bands));
    assertEquals(List.of(List.of(0L)), duck.query("SELECT count(*) FROM best_curves c JOIN trials t"
        + " ON t.sweep_id = c.sweep_id AND t.trial_id = c.trial_id WHERE t.status = 'DIVERGED'").rows());
  }

  @Test
  void sparkRefusesWritesOtherFilesAndReflection() {
    String[] refused = {
      "WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT * FROM x",
      "SELECT * FROM parquet.`" + dir.resolve("tmp-trials-method=bp") + "`",
      "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
      "CREATE TABLE t AS SELECT 1",
      "SELECT 1; DROP VIEW trials",
    };
    for (String sql : refused) {
      org.junit.jupiter.api.Assertions.assertThrows(dev.backproplab.core.InvalidInputException.class,
          () -> spark.query(sql), sql);
    }
    assertEquals(1, spark.query("SELECT count(*) FROM trials").rows().size());
  }

  /** Equal as multisets of rows, numbers to 1e-9 relative. */
  static void assertSame(String what, QueryResult a, QueryResult b) {
    assertEquals(a.rows().size(), b.rows().size(), what + ": row count");
    List<String> x = canonical(a);
    List<String> y = canonical(b);
    for (int i = 0; i < x.size(); i++) {
      assertEquals(x.get(i), y.get(i), what + ": row " + i);
    }
  }

  private static List<String> canonical(QueryResult r) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : r.rows()) {
      StringBuilder b = new StringBuilder();
      for (Object v : row) {
        b.append(cell(v)).append(" | ");
      }
      out.add(b.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static String cell(Object v) {
    if (v instanceof Number n && !(v instanceof Long) && !(v instanceof Integer)) {
      return String.format("%.9e", n.doubleValue());
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(e -> parts.add(cell(e)));
      return parts.toString();
    }
    return String.valueOf(v instanceof Integer i ? (long) i : v);
  }
}
