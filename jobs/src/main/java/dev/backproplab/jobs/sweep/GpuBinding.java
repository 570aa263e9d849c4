package dev.backproplab.jobs.sweep;

import java.util.List;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceUtils;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a task's training thread to the GPU Spark assigned to the task. With
 * {@code spark.executor.resource.gpu.amount} and {@code spark.task.resource.gpu.amount} set (and a
 * discovery script, conf/spark/gpu-discovery.sh), Spark hands each task its GPU addresses in
 * {@code TaskContext.resources()}; the first becomes the ND4J device of the thread that trains, and
 * all are recorded in the trial's {@code gpu} column. Without GPU resources nothing happens and the
 * column stays null.
 */
final class GpuBinding {
  private static final Logger LOG = LoggerFactory.getLogger(GpuBinding.class);

  /** The device layer: ND4J's affinity manager in production, a recording fake in tests. */
  interface Devices {
    /** Whether the ND4J backend in use can run on a GPU (the CUDA backend of the -Pcuda build). */
    boolean gpuBackend();

    /** Number of devices the backend sees. */
    int count();

    /** Makes {@code ordinal} the device of the calling thread. */
    void bindCurrentThread(int ordinal);
  }

  /** ND4J's own devices. */
  static final Devices ND4J = new Devices() {
    @Override
    public boolean gpuBackend() {
      return Nd4j.getBackend().getClass().getName().toLowerCase().contains("cuda");
    }

    @Override
    public int count() {
      return Nd4j.getAffinityManager().getNumberOfDevices();
    }

    @Override
    public void bindCurrentThread(int ordinal) {
      Nd4j.getAffinityManager().unsafeSetDevice(ordinal);
    }
  };

  private GpuBinding() {}

  /**
   * Binds the calling thread to the first GPU in {@code resources}.
   *
   * @return the assigned addresses, comma-separated, when a GPU was bound; null otherwise
   * @throws IllegalStateException when an address is not a device ordinal the backend knows
   */
  static String bind(Map<String, ResourceInformation> resources, Devices devices) {
    ResourceInformation gpu = resources.get(ResourceUtils.GPU());
    if (gpu == null || gpu.addresses().length == 0) {
      return null;
    }
    List<String> addresses = List.of(gpu.addresses());
    if (!devices.gpuBackend()) {
      LOG.warn("Spark assigned GPU {} to this task, but this build uses ND4J's CPU backend: training on"
          + " the CPU. Build with -Pcuda to train on GPUs.", addresses);
      return null;
    }
    int ordinal;
    try {
      ordinal = Integer.parseInt(addresses.get(0).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("GPU address '" + addresses.get(0) + "' is not a device ordinal:"
          + " the discovery script must print indices, as conf/spark/gpu-discovery.sh does", e);
    }
    if (ordinal < 0 || ordinal >= devices.count()) {
      throw new IllegalStateException("GPU address " + ordinal + " is outside the " + devices.count()
          + " devices ND4J sees on this executor");
    }
    devices.bindCurrentThread(ordinal);
    return String.join(",", addresses);
  }
}
