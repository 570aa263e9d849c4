package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.ddg.DdgTrainer;
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
    List<String> addresses = addresses(resources);
    if (addresses.isEmpty()) {
      return null;
    }
    if (!devices.gpuBackend()) {
      LOG.warn("Spark assigned GPU {} to this task, but this build uses ND4J's CPU backend: training on"
          + " the CPU. Build with -Pcuda to train on GPUs.", addresses);
      return null;
    }
    devices.bindCurrentThread(ordinal(addresses.get(0), devices));
    return String.join(",", addresses);
  }

  /**
   * Where a ddg trial's modules run when its task holds several GPUs: module m on the task's GPU
   * {@code m mod n} (its thread bound there when it starts; module 0 runs on the task's thread, which
   * {@link #bind} bound to the first). With one GPU or none, or on the CPU backend, every module stays
   * where the task's thread is.
   *
   * @throws IllegalStateException when an address is not a device ordinal the backend knows
   */
  static DdgTrainer.ModuleThreads perModule(Map<String, ResourceInformation> resources, Devices devices) {
    List<String> addresses = addresses(resources);
    if (addresses.size() < 2 || !devices.gpuBackend()) {
      return DdgTrainer.ModuleThreads.NONE;
    }
    int[] ordinals = new int[addresses.size()];
    for (int i = 0; i < ordinals.length; i++) {
      ordinals[i] = ordinal(addresses.get(i), devices);
    }
    return (module, modules) -> devices.bindCurrentThread(ordinals[module % ordinals.length]);
  }

  private static List<String> addresses(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources.get(ResourceUtils.GPU());
    return gpu == null ? List.of() : List.of(gpu.addresses());
  }

  private static int ordinal(String address, Devices devices) {
    int ordinal;
    try {
      ordinal = Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("GPU address '" + address + "' is not a device ordinal:"
          + " the discovery script must print indices, as conf/spark/gpu-discovery.sh does", e);
    }
    if (ordinal < 0 || ordinal >= devices.count()) {
      throw new IllegalStateException("GPU address " + ordinal + " is outside the " + devices.count()
          + " devices ND4J sees on this executor");
    }
    return ordinal;
  }
}
