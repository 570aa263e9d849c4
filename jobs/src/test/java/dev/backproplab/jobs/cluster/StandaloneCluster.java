package dev.backproplab.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers started as separate JVMs from
 * Spark's own jars ({@code target/spark-home/jars}, the project's provided dependencies), and
 * drivers submitted through {@code org.apache.spark.deploy.SparkSubmit}, which is what
 * {@code spark-submit} runs, with the shaded {@code *-spark.jar}. Process output goes to
 * {@code target/cluster-logs}.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Path SPARK_HOME = Path.of(System.getProperty("bpl.sparkHome"));
  private static final Path SPARK_JAR = Path.of(System.getProperty("bpl.sparkJar"));
  private static final String NATIVE_CACHE = System.getProperty("bpl.nativeCache");
  private static final List<String> JVM_FLAGS =
      Arrays.asList(System.getProperty("bpl.jvmFlags").trim().split("\\s+"));
  private static final Path LOGS = Path.of("jobs/target/cluster-logs");
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  StandaloneCluster(int workerCount, Path work) throws Exception {
    master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
    for (int i = 0; i < workerCount; i++) {
      Path dir = Files.createDirectories(work.resolve("worker-" + i));
      workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "1", "--memory", "1536m", "--work-dir", dir.toString(),
          "--webui-port", Integer.toString(freePort()), masterUrl())));
    }
    awaitAliveWorkers(workerCount, Duration.ofSeconds(90));
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Starts {@code spark-submit} of the shaded jar with the bpl arguments; the driver's output goes to {@link #log}. */
  Process submit(String name, String... bplArgs) throws IOException {
    return submit(name, masterUrl(), List.of(), bplArgs);
  }

  /**
   * Starts {@code spark-submit --master master} of the shaded jar with {@code conf} (pairs of
   * {@code --conf} values) and the bpl arguments, with neither BPL_DATA_DIR nor HADOOP_CONF_DIR in its
   * environment unless {@code conf} sets them: everything it needs comes through configuration.
   */
  static Process submit(String name, String master, List<String> conf, String... bplArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", master, "--deploy-mode", "client",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=1g",
        "--conf", "spark.executor.cores=1",
        "--conf", "spark.task.cpus=1",
        "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
        "--conf", "spark.executor.extraJavaOptions=" + executorJavaOptions()));
    for (String c : conf) {
      args.addAll(List.of("--conf", c));
    }
    args.add(SPARK_JAR.toString());
    args.addAll(List.of(bplArgs));
    return start(name, args);
  }

  /** The executors' JVM options {@link #submit} sets (a {@code conf} entry of the same key replaces them). */
  static String executorJavaOptions() {
    return "-Dorg.bytedeco.javacpp.cachedir=" + NATIVE_CACHE + " -Dlog4j2.configurationFile="
        + Path.of("conf/log4j2.properties").toAbsolutePath();
  }

  /** The output of the process started as {@code name}. */
  static String log(String name) throws IOException {
    return Files.readString(LOGS.resolve(name + ".log"));
  }

  /** Kills worker {@code i} as a lost machine would go: at once, without cleaning up. */
  void killWorker(int i) {
    workers.get(i).destroyForcibly();
  }

  private static Process start(String name, List<String> mainAndArgs) throws IOException {
    Path log = Files.createDirectories(LOGS).resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(JVM_FLAGS);
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + NATIVE_CACHE);
    cmd.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
    cmd.add("-cp");
    cmd.add(SPARK_HOME.resolve("jars") + File.separator + "*");
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.remove("BPL_DATA_DIR");
    env.remove("HADOOP_CONF_DIR");
    env.put("SPARK_HOME", SPARK_HOME.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  private void awaitAliveWorkers(int n, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = alive.matcher(json);
        if (m.find() && Integer.parseInt(m.group(1)) >= n) {
          return;
        }
      } catch (IOException notYet) {
        // the master is still starting
      }
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark master died; see " + LOGS.resolve("master.log"));
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("workers did not register within " + timeout + "; see " + LOGS);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    master.destroyForcibly();
  }
}
