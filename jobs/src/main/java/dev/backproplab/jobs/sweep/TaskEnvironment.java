package dev.backproplab.jobs.sweep;

import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.store.Provenance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every Spark task of this project does before it trains or evaluates, and what it records: the
 * task's BLAS threads set to its cores ({@code spark.task.cpus}, or its resource profile's; {@link Threads}), ND4J's thread bound to the GPU
 * Spark assigned the task, if any ({@link GpuBinding}), and the executor, GPU and {@link Provenance}
 * for the rows it writes. Trial tasks and search evaluation tasks enter it alike.
 *
 * @param executor the executor id and host
 * @param gpu the GPU address bound, or null on CPU
 * @param provenance build and machine
 */
public record TaskEnvironment(String executor, String gpu, Provenance provenance) {
  /** Looked up once per JVM: a name-service lookup per task would cost more than a small trial's commit. */
  private static final String HOST = hostName();

  /** Sets up the current task ({@code ctx}) and says where it runs. */
  public static TaskEnvironment enter(TaskContext ctx) {
    Threads.useBlasThreads(ctx.cpus());
    String executor = SparkEnv.get().executorId() + "@" + SparkEnv.get().blockManager().blockManagerId().host();
    String gpu = GpuBinding.bind(scala.collection.JavaConverters.mapAsJavaMap(ctx.resources()), GpuBinding.ND4J);
    return new TaskEnvironment(executor, gpu, here());
  }

  /** The provenance of rows written by this JVM now. */
  public static Provenance here() {
    return new Provenance(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), Threads.blasThreads(),
        Nd4j.getBackend().getClass().getSimpleName(), System.getProperty("java.version"), HOST);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
