package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.TrialSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The memory an executor needs outside its Java heap for a sweep, which Spark does not see: ND4J
 * keeps every array (weights, gradients, optimizer state, activations, a population's parameters)
 * off-heap, and YARN and Kubernetes kill a container whose heap plus off-heap memory exceeds
 * {@code spark.executor.memory + spark.executor.memoryOverhead}. Derived from the largest model of
 * the sweep (docs/adr/0014):
 *
 * <pre>
 * per trial = bytes per value x (params x (6 + population) + batch x (sum of layer widths) x 3)
 * overhead  = 384 MiB (Spark's floor) + 256 MiB (ND4J and BLAS natives)
 *             + tasks per executor x per trial + the data set (each executor holds one copy)
 * </pre>
 *
 * <p>Six copies of the parameters: weights, gradients, two optimizer moments, feedback matrices and
 * one spare; activations three times (outputs, pre-activations, deltas). An estimate, printed so the
 * user can see and override it.
 *
 * @param largestParams the parameters of the largest model
 * @param largestModel its description
 * @param perTrialMiB off-heap memory one trial takes, at most
 * @param dataMiB the largest data set's features
 * @param tasksPerExecutor trials one executor runs at once
 * @param overheadMiB the derived {@code spark.executor.memoryOverhead}
 */
public record ExecutorMemory(long largestParams, String largestModel, long perTrialMiB, long dataMiB,
    int tasksPerExecutor, long overheadMiB) {
  static final long SPARK_FLOOR_MIB = 384;
  static final long NATIVES_MIB = 256;
  private static final long MIB = 1 << 20;

  /** The estimate for {@code trials}, on executors configured by {@code conf}. */
  public static ExecutorMemory of(List<TrialSpec> trials, SparkConf conf) {
    Map<String, Size> sizes = new HashMap<>();
    long worstBytes = 0;
    long worstParams = 0;
    String worstModel = "";
    long dataBytes = 0;
    for (TrialSpec t : trials) {
      DataSplit data = DataCache.get(t.dataset());
      dataBytes = Math.max(dataBytes,
          4L * ((long) data.train().size() + data.test().size()) * data.train().numFeatures());
      DataType type = t.config().dataType();
      Size size = sizes.computeIfAbsent(t.model().describe() + "|" + t.dataset(), k -> {
        List<Layer> layers = Networks.layers(t.model(), data.train()); // shapes only: nothing allocated
        return new Size(layers.stream().mapToLong(Layer::numParams).sum(),
            layers.stream().mapToLong(Layer::outputSize).sum());
      });
      long population = Long.parseLong(t.params().getOrDefault("population", "0"));
      long batch = Long.parseLong(t.params().getOrDefault("batch_size", "1"));
      long bytes = type.width() * (size.params() * (6 + population) + batch * size.widths() * 3);
      if (bytes > worstBytes) {
        worstBytes = bytes;
        worstParams = size.params();
        worstModel = t.model().describe() + " on " + t.dataset();
      }
    }
    int tasks = Math.max(1, conf.getInt("spark.executor.cores", 1) / Math.max(1, conf.getInt("spark.task.cpus", 1)));
    long perTrial = ceilMiB(worstBytes);
    long data = ceilMiB(dataBytes);
    return new ExecutorMemory(worstParams, worstModel, perTrial, data, tasks,
        SPARK_FLOOR_MIB + NATIVES_MIB + tasks * perTrial + data);
  }

  /** A network's parameter count and the sum of its layers' output widths. */
  private record Size(long params, long widths) {}

  private static long ceilMiB(long bytes) {
    return (bytes + MIB - 1) / MIB;
  }

  /**
   * The Spark setting this estimate gives, for the user to override: the executor's memory overhead.
   * ND4J's own off-heap limit stays at its default (the executor heap), which refuses an allocation
   * that does not fit with a clear error instead of letting it fail deeper in ND4J.
   */
  public Map<String, String> sparkDefaults() {
    return Map.of("spark.executor.memoryOverhead", overheadMiB + "m");
  }

  /**
   * One line for the user.
   *
   * @param configured the user's {@code spark.executor.memoryOverhead}, or null
   */
  public String describe(String configured) {
    return String.format("executor off-heap memory: largest model %s, %,d parameters: %,d MiB per trial x %d"
        + " task(s) per executor + %,d MiB data + %d MiB Spark and natives = %,d MiB; spark.executor.memoryOverhead"
        + " %s", largestModel, largestParams, perTrialMiB, tasksPerExecutor, dataMiB,
        SPARK_FLOOR_MIB + NATIVES_MIB, overheadMiB, configured == null
            ? overheadMiB + "m (set it with --conf spark.executor.memoryOverhead=... to override)"
            : configured + " as configured");
  }
}
