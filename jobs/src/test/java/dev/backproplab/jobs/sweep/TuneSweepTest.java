package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.query.DuckDbEngine;
import dev.backproplab.jobs.query.QueryResult;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ResultsViews;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep file with a tune: block on a real local[2] Spark: generations as jobs, rows, views, resume. */
@Tag("spark")
class TuneSweepTest {
  static final String SWEEP = """
      name: tunetest
      seed: 4
      dataset: digits
      model: {type: mlp, hidden: [8], activation: relu}
      budget: {epochs: 2}
      methods:
        - method: bp
          params: {optimizer: sgd, batch_size: 64, lr: 0.05}
        - method: bp
          params: {optimizer: sgd, batch_size: 64}
          tune:
            optimizer: cmaes
            trials: 7
            parallel: 3
            objective: {metric: val_accuracy}
            space:
              lr: {loguniform: [1.0e-3, 1.0e+30]}
              hidden: {int: [4, 16]}
      """;

  @TempDir Path dir;

  private static SweepSummary run(Path out, StringWriter log) throws Exception {
    return SharedSpark.runSweep(SWEEP, "tunetest.yaml", out, log);
  }

  /** trial id -> row file name, for the search's rows. */
  private static Map<String, String> rows(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out.resolve("trials/sweep_id=tunetest/method=bp"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))
          .collect(Collectors.toMap(n -> n.split("-")[0], n -> n, (a, b) -> a, TreeMap::new));
    }
  }

  @Test
  void eachGenerationIsAJobOfTrialsRecordedWithItsSearchAndAResumeReplaysThem() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results");
    StringWriter log = new StringWriter();
    SweepSummary first = run(out, log);
    assertEquals(8, first.outcomes().size(), log.toString());
    assertTrue(log.toString().contains("then search "), log.toString());
    assertTrue(log.toString().matches("(?s).*search [0-9a-f]{16} \\(bp, cmaes\\): 7 trials in 3 generations, best"
        + " val_accuracy 0\\.\\d+ at \\{lr=.*"), log.toString());

    ResultsViews.register(spark, out.toString());
    List<Row> search = spark.sql("SELECT search_id, generation, candidate, status, model, final_val_accuracy"
        + " FROM trials WHERE search_id IS NOT NULL ORDER BY generation, candidate").collectAsList();
    assertEquals(7, search.size(), search.toString());
    int[][] expected = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}, {2, 0}};
    for (int i = 0; i < 7; i++) {
      assertEquals(expected[i][0], (int) search.get(i).getAs("generation"), search.toString());
      assertEquals(expected[i][1], (int) search.get(i).getAs("candidate"), search.toString());
    }
    assertTrue(search.stream().anyMatch(r -> r.getAs("status").equals("DIVERGED")),
        "the upper part of the lr range diverges and is told as the worst: " + search);
    assertEquals(1, spark.sql("SELECT * FROM trials WHERE search_id IS NULL").count());
    Row s = spark.sql("SELECT trials, generations FROM searches").first();
    assertEquals(7L, (long) s.getAs("trials"));
    assertEquals(3, ((Number) s.getAs("generations")).intValue());
    assertEquals(3, spark.sql("SELECT * FROM search_progress").count());
    assertEquals(8, spark.sql("SELECT * FROM current_trials").count(), "a search's trials are in the current revision");
    try (DuckDbEngine duck = new DuckDbEngine(ResultsFiles.list(out.toString(), List.of(), new Configuration()))) {
      QueryResult r = duck.query("SELECT trials, generations FROM searches");
      assertEquals("7", String.valueOf(r.rows().get(0).get(0)), "DuckDB reads the same views");
    }

    // the same command again: every trial is replayed from the table, nothing runs, the record keeps its revision
    Map<String, String> before = rows(out);
    StringWriter again = new StringWriter();
    SweepSummary second = run(out, again);
    assertEquals(0, second.outcomes().size(), again.toString());
    assertTrue(again.toString().contains("3 of 3 trials replayed"), again.toString());
    assertTrue(!again.toString().contains("revision 2"), again.toString());
    assertEquals(before, rows(out));

    // a run killed during generation 1: its last two trials never committed; the rerun runs exactly those
    String lastOfGen1 = null;
    for (Row r : spark.sql("SELECT trial_id, generation FROM trials WHERE search_id IS NOT NULL AND generation >= 1"
        + " AND NOT (generation = 1 AND candidate = 0)").collectAsList()) {
      Path file = out.resolve("trials/sweep_id=tunetest/method=bp").resolve(before.get(r.getString(0)));
      Files.delete(file);
      Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
      lastOfGen1 = r.getString(0);
    }
    StringWriter resumed = new StringWriter();
    SweepSummary third = run(out, resumed);
    assertEquals(3, third.outcomes().size(), resumed.toString());
    assertTrue(resumed.toString().contains("generation 1: 1 of 3 trials replayed"), resumed.toString());
    assertEquals(before.keySet(), rows(out).keySet(), "the same candidates, so the same trial ids");
    assertTrue(rows(out).get(lastOfGen1).startsWith(lastOfGen1 + "-1-"), "recomputed as attempt 1");
  }
}
