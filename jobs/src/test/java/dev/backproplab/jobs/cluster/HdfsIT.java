package dev.backproplab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sweep with its sweep file, its data and its results on a real HDFS (Hadoop's MiniDFSCluster: a
 * NameNode and a DataNode in this JVM, reached over loopback RPC), run by drivers submitted through
 * SparkSubmit as separate processes: a second run refused while the first holds the lock on HDFS,
 * the first driver killed, the same command resuming it, and {@code bpl query} over the result. The
 * data set is named ({@code iris}) and found through {@code --conf spark.bpl.data.dir=hdfs://...},
 * with no environment variable. Trials run for a fixed 8 s, so the first run is still running while
 * the second one starts and is killed before its end however fast training gets.
 */
@Tag("cluster")
class HdfsIT {
  private static final String SWEEP = """
      name: hdfstest
      seed: 4
      dataset: iris
      model: {type: mlp, hidden: [64], activation: tanh}
      budget: {seconds: 8}
      repeats: 2
      methods:
        - method: bp
          params: {batch_size: 4}
          grid: {lr: [0.003, 0.01, 0.03, 0.1]}
      """;
  private static final int TRIALS = 8;

  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static String uri;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    java.nio.file.Path base = Files.createTempDirectory(java.nio.file.Path.of("jobs/target").toAbsolutePath(), "hdfs-");
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    java.nio.file.Path iris = java.nio.file.Path.of(System.getenv("BPL_DATA_DIR"), "uci", "iris.csv");
    fs.copyFromLocalFile(new Path(iris.toUri()), new Path("/shared/uci/iris.csv"));
    try (OutputStream out = fs.create(new Path("/sweeps/hdfstest.yaml"))) {
      out.write(SWEEP.getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static Process bpl(String name, String... args) throws IOException {
    return StandaloneCluster.submit(name, "local[2]", List.of("spark.bpl.data.dir=" + uri + "/shared"), args);
  }

  @Test
  void aSweepOnHdfsIsLockedResumedAfterAKilledDriverAndQueried() throws Exception {
    String out = uri + "/results";
    String file = uri + "/sweeps/hdfstest.yaml";
    Process first = bpl("hdfs-first", "sweep", file, "--out", out);
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (committed().size() < 2) {
      assertTrue(first.isAlive(), StandaloneCluster.log("hdfs-first"));
      assertTrue(System.nanoTime() < end, "no trial committed: " + StandaloneCluster.log("hdfs-first"));
      Thread.sleep(200);
    }
    assertTrue(fs.exists(new Path("/results/_locks/hdfstest.lock")), "the first run holds its lock on HDFS");

    Process second = bpl("hdfs-second", "sweep", file, "--out", out);
    assertTrue(second.waitFor(3, TimeUnit.MINUTES));
    String refused = StandaloneCluster.log("hdfs-second");
    assertEquals(2, second.exitValue(), refused);
    assertTrue(refused.contains("sweep 'hdfstest' is already running into " + out), refused);

    first.destroyForcibly().waitFor();
    int before = committed().size();
    assertTrue(before < TRIALS, "the kill came before the end: " + before);

    Process again = bpl("hdfs-again", "sweep", file, "--out", out);
    assertTrue(again.waitFor(4, TimeUnit.MINUTES));
    String resumed = StandaloneCluster.log("hdfs-again");
    assertEquals(0, again.exitValue(), resumed);
    Matcher m = Pattern.compile("resuming: (\\d+) of 8 trials already done").matcher(resumed);
    assertTrue(m.find(), resumed);
    assertTrue(Integer.parseInt(m.group(1)) >= before, resumed);
    Map<String, List<String>> rows = committed();
    assertEquals(TRIALS, rows.size(), rows.toString());
    rows.forEach((id, files) -> assertEquals(1, files.stream().filter(f -> f.endsWith("-COMPLETED.parquet")).count(),
        id + ": " + files));
    assertFalse(fs.exists(new Path("/results/_locks/hdfstest.lock")), "released");
    assertTrue(fs.exists(new Path("/results/sweeps/hdfstest.yaml")));
    assertTrue(all("/results").stream().noneMatch(p -> p.endsWith(".inprogress")), "no leftovers");

    Process query = bpl("hdfs-query", "query", "--results", out, "--format", "csv",
        "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids, min(final_test_accuracy) > 0.5 AS learned"
            + " FROM trials WHERE status = 'COMPLETED'");
    assertTrue(query.waitFor(3, TimeUnit.MINUTES));
    String answer = StandaloneCluster.log("hdfs-query");
    assertEquals(0, query.exitValue(), answer);
    assertTrue(answer.contains("n,ids,learned") && answer.contains("8,8,true"), answer);
  }

  /** Per trial id, the names of its row files on HDFS. */
  private static Map<String, List<String>> committed() throws IOException {
    Map<String, List<String>> out = new HashMap<>();
    for (String p : all("/results/trials")) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      if (name.endsWith(".parquet") && !name.startsWith(".")) {
        out.computeIfAbsent(name.split("-")[0], k -> new ArrayList<>()).add(name);
      }
    }
    return out;
  }

  private static List<String> all(String dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (!fs.exists(new Path(dir))) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(dir), true);
    while (it.hasNext()) {
      out.add(it.next().getPath().toString());
    }
    return out;
  }
}
