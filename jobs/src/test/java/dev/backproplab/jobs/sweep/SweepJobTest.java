package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.query.ResultFormat;
import dev.backproplab.jobs.query.SparkEngine;
import dev.backproplab.jobs.store.ModelStore;
import dev.backproplab.jobs.store.ResultsViews;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep job on a real local[2] Spark, writing real Parquet, read back with Spark SQL. */
@Tag("spark")
class SweepJobTest {
  private static final String SWEEP = """
      name: jobtest
      seed: 5
      dataset: digits
      model: {type: mlp, hidden: [16], activation: relu}
      budget: {epochs: 3}
      repeats: 2
      methods:
        - method: bp
          params: {optimizer: momentum, batch_size: 64}
          grid: {lr: [0.05, 1.0e+30]}
      """;

  @TempDir Path dir;

  private SweepSummary run(Path out, StringWriter log) throws Exception {
    return run(SWEEP, out, log);
  }

  private SweepSummary run(String text, Path out, StringWriter log) throws Exception {
    return SharedSpark.runSweep(text, "jobtest.yaml", out, log);
  }

  @Test
  void writesTheTablesResumesWithoutDuplicatesAndAnswersSql() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results");
    StringWriter log = new StringWriter();
    SweepSummary first = run(out, log);
    assertEquals(4, first.outcomes().size());
    assertEquals(2, first.count(TrialStatus.COMPLETED));
    assertEquals(2, first.count(TrialStatus.DIVERGED), log.toString()); // lr = 1e30 blows up
    assertTrue(log.toString().contains("[4/4] bp"), log.toString());
    assertTrue(Files.exists(out.resolve("sweeps/jobtest.yaml")));

    ResultsViews.register(spark, out.toString());
    List<Row> trials = spark.sql(
        "SELECT trial_id, method, sweep_id, status, params['lr'] AS lr, params['optimizer'] AS opt, attempt,"
            + " final_test_accuracy, samples_seen, epochs, code_version, dataset_sha256, started_at"
            + " FROM trials ORDER BY lr, trial_id").collectAsList();
    assertEquals(4, trials.size());
    for (Row r : trials) {
      assertEquals("bp", r.getAs("method"));
      assertEquals("jobtest", r.getAs("sweep_id"));
      assertEquals("momentum", r.getAs("opt"));
      assertEquals(1, (int) r.getAs("attempt"));
      assertTrue(((String) r.getAs("dataset_sha256")).length() == 64);
    }
    List<Row> provenance = spark.sql("SELECT DISTINCT git_commit, git_dirty, blas_threads, nd4j_backend, java_version,"
        + " host, code_version FROM trials").collectAsList();
    assertEquals(1, provenance.size(), provenance.toString());
    Row prov = provenance.get(0);
    assertEquals(BuildInfo.commit(), prov.getAs("git_commit"));
    assertEquals(BuildInfo.dirty(), prov.getAs("git_dirty"));
    if (Files.isDirectory(Path.of(".git"))) {
      assertTrue(BuildInfo.commit().matches("[0-9a-f]{40}"), "built in a git checkout: " + BuildInfo.commit());
    }
    assertEquals(1, (int) prov.getAs("blas_threads"), "one BLAS thread per task (spark.task.cpus = 1)");
    assertEquals("CpuBackend", prov.getAs("nd4j_backend"));
    assertEquals(System.getProperty("java.version"), prov.getAs("java_version"));
    assertTrue(!((String) prov.getAs("host")).isBlank());
    assertEquals(BuildInfo.version(), prov.getAs("code_version"));
    Row good = trials.get(0);
    assertEquals("COMPLETED", good.getAs("status"));
    assertEquals(3, (int) good.getAs("epochs"));
    // 3 epochs on digits' 1,294 training examples (144 held out for validation)
    assertTrue((double) good.getAs("final_test_accuracy") > 0.75, good.toString());
    assertEquals("DIVERGED", trials.get(3).getAs("status"));

    long points = spark.sql("SELECT * FROM curves WHERE trial_id = '" + good.getAs("trial_id") + "'").count();
    assertEquals(4, points); // before the first step and after each of 3 epochs
    Row last = spark.sql("SELECT max(samples_seen) s, max(epoch) e FROM curves WHERE trial_id = '"
        + good.getAs("trial_id") + "'").first();
    assertEquals((long) good.getAs("samples_seen"), (long) last.getAs("s"));
    assertEquals(3.0, (double) last.getAs("e"), 1e-9);

    // the same sweep again: diverged and completed trials are final, nothing runs, nothing doubles
    StringWriter again = new StringWriter();
    SweepSummary second = run(out, again);
    assertEquals(0, second.outcomes().size());
    assertTrue(again.toString().contains("resuming: 4 of 4 trials already done"), again.toString());
    ResultsViews.register(spark, out.toString());
    assertEquals(4, spark.sql("SELECT * FROM trial_attempts").count());
    try (Stream<Path> files = Files.walk(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".inprogress")), "no temporary files left");
    }
  }

  @Test
  void aFailedTrialRunsAgainAsTheNextAttempt() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results2");
    run(out, new StringWriter());
    // pretend one completed trial had failed: rename its row file to a FAILED status
    Path methodDir = out.resolve("trials/sweep_id=jobtest/method=bp");
    Path completed;
    try (Stream<Path> files = Files.list(methodDir)) {
      completed = files.filter(p -> p.toString().endsWith("-1-COMPLETED.parquet")).findFirst().orElseThrow();
    }
    String id = completed.getFileName().toString().split("-")[0];
    Files.move(completed, methodDir.resolve(id + "-1-FAILED.parquet"));
    Files.deleteIfExists(methodDir.resolve("." + completed.getFileName() + ".crc"));

    SweepSummary second = run(out, new StringWriter());
    assertEquals(1, second.outcomes().size());
    assertEquals(id, second.outcomes().get(0).trialId());
    assertEquals(2, second.outcomes().get(0).attempt());
    ResultsViews.register(spark, out.toString());
    assertEquals(5, spark.sql("SELECT * FROM trial_attempts").count());
    Row latest = spark.sql("SELECT attempt, status FROM trials WHERE trial_id = '" + id + "'").first();
    assertEquals(2, latest.getInt(0));
    assertEquals("COMPLETED", latest.getString(1));
    assertEquals(4, spark.sql("SELECT * FROM trials").count());
    assertEquals(4, spark.sql("SELECT DISTINCT trial_id FROM curves WHERE attempt = 2 OR trial_id <> '" + id + "'").count());
  }

  @Test
  void queryFormatsRenderMapsAndQuoteCsv() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results3");
    run(out, new StringWriter());
    var result = new SparkEngine(spark, false, out.toString(), List.of())
        .query("SELECT status, params, 'a,b' AS x FROM trials WHERE status = 'COMPLETED' LIMIT 1");
    StringWriter csv = new StringWriter();
    ResultFormat.CSV.print(result, new PrintWriter(csv, true));
    String[] lines = csv.toString().split("\n");
    assertEquals("status,params,x", lines[0]);
    assertTrue(lines[1].startsWith("COMPLETED,\"{\"\"batch_size\"\":\"\"64\"\""), lines[1]);
    assertTrue(lines[1].endsWith(",\"a,b\""), lines[1]);
    StringWriter table = new StringWriter();
    ResultFormat.TABLE.print(result, new PrintWriter(table, true));
    assertTrue(table.toString().contains("(1 row)"), table.toString());
    StringWriter json = new StringWriter();
    ResultFormat.JSON.print(result, new PrintWriter(json, true));
    assertTrue(json.toString().startsWith("{\"status\":\"COMPLETED\",\"params\":{"), json.toString());
  }

  @Test
  void aSecondRunOfTheSameSweepIntoTheSameResultsIsRefusedWhileTheFirstRuns() throws Exception {
    Path out = dir.resolve("results4");
    // trials that run past their first heartbeat, so that the first run surely still holds its lock and shows
    // its running trials when the second one starts (300 epochs of digits take under the heartbeat's delay)
    String slow = SWEEP.replace("budget: {epochs: 3}", "budget: {seconds: " + (Heartbeat.FIRST_SECONDS + 2) + "}");
    java.util.concurrent.CompletableFuture<SweepSummary> first =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return run(slow, out, new StringWriter());
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    Path lock = out.resolve("_locks/jobtest.lock");
    long end = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(lock) && !first.isDone() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(lock), "the first run holds the lock");
    Path running = out.resolve("_running/jobtest");
    while (!first.isDone() && !hasFiles(running) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    String status = dev.backproplab.jobs.Cli.run("status", "--results", out.toString()).out();
    assertTrue(status.contains("sweep jobtest:") && status.contains(" bp "), "running trials show: " + status);
    dev.backproplab.core.InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(
        dev.backproplab.core.InvalidInputException.class, () -> run(slow, out, new StringWriter()));
    assertTrue(refused.getMessage().contains("sweep 'jobtest' is already running into"), refused.getMessage());
    assertEquals(4, first.get().outcomes().size());
    ResultsViews.register(SharedSpark.session(), out.toString());
    assertEquals(4, SharedSpark.session().sql("SELECT * FROM trial_attempts").count());
    assertTrue(!Files.exists(lock), "released");
    try (Stream<Path> beats = Files.list(running)) {
      assertEquals(0, beats.count(), "heartbeats are deleted as trials commit");
    }
  }

  private static boolean hasFiles(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> !f.getFileName().toString().startsWith("."));
    }
  }

  /** save_models: each completed trial's network is kept and reloads to the accuracy in its row; a diverged one has none. */
  @Test
  void aSweepThatSavesModelsKeepsEachTrainedNetwork() throws Exception {
    Path out = dir.resolve("saved");
    SweepSummary s = run(SWEEP.replace("repeats: 2", "repeats: 1\nsave_models: true"), out, new StringWriter());
    assertEquals(2, s.outcomes().size());
    ModelStore models = new ModelStore(out.toString());
    for (TrialOutcome o : s.outcomes()) {
      Path file = out.resolve("models/jobtest/" + o.trialId() + ".model");
      assertEquals(o.status() == TrialStatus.COMPLETED, Files.exists(file), o.toString());
      if (o.status() == TrialStatus.COMPLETED) {
        var data = DataCache.get("digits", dev.backproplab.core.data.Holdout.DEFAULT);
        double acc = models.load(o.trialId(), new org.apache.hadoop.conf.Configuration()).network()
            .evaluate(data.test(), 500).accuracy();
        assertEquals(o.testAccuracy(), acc, 0.0);
      }
    }
  }
}
