package dev.backproplab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against a real Spark standalone cluster (a master and two workers, separate JVMs) with
 * sweeps submitted through SparkSubmit: a driver killed mid-sweep and the same command run again; two
 * runs of one sweep at once; trials that throw, diverge and run out of time; a worker killed
 * mid-sweep; a search whose driver was killed. Every trial ends up in the results exactly once, with the
 * status it earned.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final String SWEEP = """
      name: clustertest
      seed: 21
      dataset: digits
      model: {type: mlp, hidden: [32], activation: tanh}
      budget: {epochs: 120}
      repeats: 2
      methods:
        - method: bp
          params: {optimizer: momentum, batch_size: 32}
          grid: {lr: [0.003, 0.01, 0.03, 0.1]}
      """;
  private static final int TRIALS = 8;

  @TempDir static Path work;
  private static StandaloneCluster cluster;
  private static Path sweepFile;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new StandaloneCluster(2, work);
    sweepFile = Files.writeString(work.resolve("clustertest.yaml"), SWEEP);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aDriverKilledMidSweepResumesWhenTheSameCommandRunsAgain() throws Exception {
    Path out = work.resolve("results-driver");
    Process first = cluster.submit("driver-killed", "sweep", sweepFile.toString(), "--out", out.toString());
    awaitCommitted(out, 2, first);
    first.destroyForcibly().waitFor();
    int before = committed(out);

    Process again = cluster.submit("driver-rerun", "sweep", sweepFile.toString(), "--out", out.toString());
    assertTrue(again.waitFor(5, TimeUnit.MINUTES), "rerun did not finish");
    String text = cluster.log("driver-rerun");
    assertEquals(0, again.exitValue(), text);
    Matcher m = Pattern.compile("resuming: (\\d+) of 8 trials already done").matcher(text);
    assertTrue(m.find(), text);
    assertTrue(Integer.parseInt(m.group(1)) >= before, text);
    assertEachTrialOnceCompleted(out, TRIALS);
  }

  @Test
  @Order(2)
  void aSearchWhoseDriverWasKilledContinuesOnTheClusterWithoutRecomputingItsTrials() throws Exception {
    Path file = Files.writeString(work.resolve("tunekill.yaml"), TuneResumeIT.SEARCH);
    TuneResumeIT.killMidSearchAndResume("tune-cluster", cluster.masterUrl(), file, work.resolve("results-tune"));
  }

  private static final String STATUSES = """
      name: statuses
      seed: 22
      dataset: digits
      model: {type: mlp, hidden: [32], activation: relu}
      budget: {epochs: 20}
      max_trial_seconds: 8
      methods:
        - method: bp
          params: {optimizer: sgd, batch_size: 32}
          grid: {lr: [0.05, 1.0e+30]}
        - method: bp
          params: {optimizer: sgd, lr: 0.01, batch_size: 1}
          budget: {epochs: 100000}
        # 900 million weights do not fit an executor of 1 GB: the trial throws
        - method: bp
          model: {hidden: [30000, 30000]}
          params: {optimizer: sgd, lr: 0.02, batch_size: 32}
          budget: {epochs: 1}
      """;

  @Test
  @Order(3)
  void twoRunsAtOnceCommitEachTrialOnceAndEveryEndingIsARow() throws Exception {
    Path file = Files.writeString(work.resolve("statuses.yaml"), STATUSES);
    Path out = work.resolve("results-statuses");
    Process a = cluster.submit("driver-a", "sweep", file.toString(), "--out", out.toString());
    Process b = cluster.submit("driver-b", "sweep", file.toString(), "--out", out.toString());
    assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES), "runs did not finish");
    List<Integer> codes = List.of(a.exitValue(), b.exitValue());
    assertTrue(codes.contains(0) && codes.contains(2), "one run, one refusal: " + codes
        + "\n" + cluster.log("driver-a") + "\n" + cluster.log("driver-b"));
    String refused = cluster.log(a.exitValue() == 2 ? "driver-a" : "driver-b");
    assertTrue(refused.contains("sweep 'statuses' is already running into"), refused);

    SparkSession spark = SharedSpark.session();
    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT params['lr'] AS lr, status, error FROM trials ORDER BY lr").collectAsList();
    assertEquals(4, rows.size(), rows.toString());
    assertEquals(4, spark.sql("SELECT * FROM trial_attempts").count());
    assertEquals("TIMED_OUT", rows.get(0).getString(1), rows.toString()); // lr 0.01, batch 1, endless
    assertEquals("FAILED", rows.get(1).getString(1), rows.toString()); // lr 0.02, the huge model
    assertTrue(rows.get(1).getString(2).contains("OutOfMemoryError") || rows.get(1).getString(2).contains("allocate"),
        rows.get(1).getString(2));
    assertEquals("COMPLETED", rows.get(2).getString(1), rows.toString()); // lr 0.05
    assertEquals("DIVERGED", rows.get(3).getString(1), rows.toString()); // lr 1e30
    assertTrue(spark.sql("SELECT * FROM curves WHERE params['lr'] = '0.01'").count() >= 1, "the timed-out curve is kept");
  }

  /**
   * A ddg trial of two modules as two barrier tasks on the two workers of one core each (two executor
   * JVMs, linked by TCP): it trains, and gives, bit for bit, the curve of the same trial on two threads
   * of one task in this JVM.
   */
  @Test
  @Order(4)
  void aBarrierDdgTrialSpansTheTwoWorkersAndGivesTheThreadedCurve() throws Exception {
    String barrier = """
        name: barriertest
        seed: 5
        dataset: digits
        model: {type: mlp, hidden: [32, 16], activation: tanh}
        budget: {epochs: 2}
        methods:
          - method: ddg
            params: {optimizer: momentum, lr: 0.05, batch_size: 32, modules: 2, execution: barrier}
        """;
    Path out = work.resolve("results-barrier");
    Path file = Files.writeString(work.resolve("barrier.yaml"), barrier);
    // the executors on the Vector API kernels, as this JVM: the scalar fallback rounds otherwise (ADR 0015)
    Process driver = StandaloneCluster.submit("driver-barrier", cluster.masterUrl(), List.of(
        "spark.executor.extraJavaOptions=" + StandaloneCluster.executorJavaOptions() + " --add-modules=jdk.incubator.vector"),
        "sweep", file.toString(), "--out", out.toString());
    assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "the barrier sweep did not finish");
    String text = cluster.log("driver-barrier");
    assertEquals(0, driver.exitValue(), text);
    assertTrue(text.contains("[1/1] ddg") && text.contains("COMPLETED"), text);

    Path local = work.resolve("results-barrier-threads");
    String threads = barrier.replace("execution: barrier", "execution: threads");
    var sweep = dev.backproplab.jobs.sweep.SweepFileParser.parse(threads, "threads.yaml");
    var job = new dev.backproplab.jobs.sweep.SweepJob(sweep, "threads.yaml", threads,
        new dev.backproplab.jobs.store.ResultsStore(local.toString()), new java.io.PrintWriter(new java.io.StringWriter()));
    job.run(SharedSpark.session(), job.validate());

    SparkSession spark = SharedSpark.session();
    String query = "SELECT step, train_loss, val_loss, test_loss, module_staleness FROM curves ORDER BY step";
    ResultsViews.register(spark, out.toString());
    List<Row> onCluster = spark.sql(query).collectAsList();
    assertTrue(spark.sql("SELECT executor FROM trials").collectAsList().stream()
        .noneMatch(r -> r.getString(0).startsWith("driver")), "module 0 ran on an executor");
    ResultsViews.register(spark, local.toString());
    List<Row> onThreads = spark.sql(query).collectAsList();
    assertEquals(3, onCluster.size(), onCluster.toString());
    assertEquals(onThreads, onCluster, "the same numbers across two executors as on two threads");
    assertEquals(List.of(1.0, 0.0), onCluster.get(2).getList(4));
  }

  @Test
  @Order(5)
  void aSweepFinishesWhenAWorkerIsLost() throws Exception {
    Path out = work.resolve("results-worker");
    Process driver = cluster.submit("driver-worker-lost", "sweep", sweepFile.toString(), "--out", out.toString());
    awaitCommitted(out, 2, driver);
    cluster.killWorker(1);
    assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "sweep did not finish after losing a worker");
    String text = cluster.log("driver-worker-lost");
    assertEquals(0, driver.exitValue(), text);
    assertTrue(text.contains("[8/8]"), text);
    assertEachTrialOnceCompleted(out, TRIALS);
  }

  /** {@code jobs/bin/bpl --master spark://...}, as a user runs it: the launcher ships the application jar. */
  @Test
  @Order(6)
  void theLauncherRunsASweepOnTheClusterMaster() throws Exception {
    Path out = work.resolve("results-launcher");
    Path small = Files.writeString(work.resolve("launcher.yaml"), SWEEP.replace("epochs: 120", "epochs: 3")
        .replace("repeats: 2", "repeats: 1"));
    Launched run = launch(small, out, "launcher.log", 5);
    String text = run.log();
    assertEquals(0, run.exitCode(), text);
    assertTrue(text.contains("[4/4] bp"), text);
    assertEachTrialOnceCompleted(out, 4);
    assertTrue(SharedSpark.session().sql("SELECT executor FROM trials").collectAsList().stream()
        .noneMatch(r -> r.getString(0).startsWith("driver")), "trials ran on the cluster's executors");
  }

  /**
   * A ddg trial of two modules on workers of one core: without spark.executor.cores its task would wait
   * forever for an executor of two cores; it is refused once the executors have registered, before
   * anything is written.
   */
  @Test
  @Order(7)
  void aDdgTrialWithMoreModulesThanTheWorkersHaveCoresIsRefused() throws Exception {
    Path out = work.resolve("results-ddg");
    Path ddg = Files.writeString(work.resolve("ddg.yaml"), SWEEP.replace("epochs: 120", "epochs: 1")
        .replace("method: bp", "method: ddg").replace("batch_size: 32}", "batch_size: 32, modules: 2}"));
    Launched run = launch(ddg, out, "ddg.log", 3);
    String text = run.log();
    assertEquals(2, run.exitCode(), text);
    assertTrue(text.contains("trains each trial on 2 cores (one thread per module) but a task gets 1 from the"
        + " executors of " + cluster.masterUrl()), text);
    assertFalse(Files.exists(out.resolve("trials")), "nothing written");
  }

  private record Launched(int exitCode, String log) {}

  /** {@code jobs/bin/bpl sweep FILE --out OUT --master <the cluster>}, waited for up to {@code minutes}. */
  private static Launched launch(Path file, Path out, String logName, int minutes) throws Exception {
    Path log = work.resolve(logName);
    ProcessBuilder pb = new ProcessBuilder("jobs/bin/bpl", "sweep", file.toString(), "--out", out.toString(),
        "--master", cluster.masterUrl()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("BPL_JAVA_OPTS", "-Xmx1g");
    Process launcher = pb.start();
    assertTrue(launcher.waitFor(minutes, TimeUnit.MINUTES), "the launcher did not finish");
    return new Launched(launcher.exitValue(), Files.readString(log));
  }

  private static void assertEachTrialOnceCompleted(Path out, int trials) {
    SparkSession spark = SharedSpark.session();
    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT trial_id, status FROM trials").collectAsList();
    assertEquals(trials, rows.size(), rows.toString());
    assertTrue(rows.stream().allMatch(r -> r.getString(1).equals("COMPLETED")), rows.toString());
    assertEquals(trials, spark.sql("SELECT DISTINCT trial_id FROM trial_attempts").count());
    // every attempt that committed a row did so once
    assertEquals(0, spark.sql("SELECT trial_id, attempt FROM trial_attempts GROUP BY 1, 2 HAVING count(*) > 1").count());
    assertEquals(trials, spark.sql("SELECT DISTINCT trial_id FROM curves").count());
  }

  private static int committed(Path out) throws Exception {
    Path dir = out.resolve("trials/sweep_id=clustertest/method=bp");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith("-COMPLETED.parquet")).count();
    }
  }

  private static void awaitCommitted(Path out, int n, Process driver) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (committed(out) < n) {
      assertTrue(driver.isAlive(), "the driver ended before " + n + " trials were committed");
      assertTrue(System.nanoTime() < end, "no " + n + " trials committed in time");
      Thread.sleep(200);
    }
  }
}
