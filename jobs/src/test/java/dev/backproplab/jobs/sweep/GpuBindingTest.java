package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.ddg.DdgTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The GPU assignment logic with resources supplied as Spark would, on a machine with no GPU. */
class GpuBindingTest {
  /** A backend with {@code count} devices that records which device each call bound. */
  private static final class Recording implements GpuBinding.Devices {
    final boolean gpu;
    final int count;
    final List<Integer> bound = new ArrayList<>();

    Recording(boolean gpu, int count) {
      this.gpu = gpu;
      this.count = count;
    }

    @Override
    public boolean gpuBackend() {
      return gpu;
    }

    @Override
    public int count() {
      return count;
    }

    @Override
    public void bindCurrentThread(int ordinal) {
      bound.add(ordinal);
    }
  }

  private static Map<String, ResourceInformation> gpus(String... addresses) {
    return Map.of("gpu", new ResourceInformation("gpu", addresses));
  }

  @Test
  void theTaskThreadIsBoundToItsFirstGpuAndAllAddressesAreRecorded() {
    Recording devices = new Recording(true, 4);
    assertEquals("2,3", GpuBinding.bind(gpus("2", "3"), devices));
    assertEquals(List.of(2), devices.bound);
  }

  @Test
  void withoutGpuResourcesNothingIsBound() {
    Recording devices = new Recording(true, 4);
    assertNull(GpuBinding.bind(Map.of(), devices));
    assertNull(GpuBinding.bind(gpus(), devices));
    assertTrue(devices.bound.isEmpty());
  }

  @Test
  void theCpuBackendTrainsOnTheCpuEvenWhenSparkAssignsAGpu() {
    Recording devices = new Recording(false, 1);
    assertNull(GpuBinding.bind(gpus("0"), devices));
    assertTrue(devices.bound.isEmpty());
    assertNull(GpuBinding.bind(gpus("0"), GpuBinding.ND4J)); // this build's real backend is the CPU one
  }

  @Test
  void addressesThatAreNotDevicesOfTheExecutorAreErrors() {
    IllegalStateException uuid = assertThrows(IllegalStateException.class,
        () -> GpuBinding.bind(gpus("GPU-8a1c"), new Recording(true, 2)));
    assertTrue(uuid.getMessage().contains("not a device ordinal"), uuid.getMessage());
    IllegalStateException range = assertThrows(IllegalStateException.class,
        () -> GpuBinding.bind(gpus("5"), new Recording(true, 2)));
    assertTrue(range.getMessage().contains("outside the 2 devices"), range.getMessage());
  }

  @Test
  void theDiscoveryScriptPrintsSparksResourceJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path bin)
      throws Exception {
    java.nio.file.Path fake = bin.resolve("nvidia-smi");
    java.nio.file.Files.writeString(fake, "#!/bin/sh\nprintf '0\\n1\\n'\n");
    fake.toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder("bash", "conf/spark/gpu-discovery.sh");
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor(), out);
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", out);
  }

  @Test
  void aDdgTrialPlacesItsModulesOnTheTasksGpusInTurn() {
    Recording devices = new Recording(true, 8);
    DdgTrainer.ModuleThreads placement = GpuBinding.perModule(gpus("2", "5", "7"), devices);
    for (int m = 0; m < 4; m++) {
      placement.enter(m, 4);
    }
    assertEquals(List.of(2, 5, 7, 2), devices.bound);
  }

  @Test
  void withOneGpuOrTheCpuBackendTheModulesStayPut() {
    Recording one = new Recording(true, 8);
    assertSame(DdgTrainer.ModuleThreads.NONE, GpuBinding.perModule(gpus("3"), one));
    Recording cpu = new Recording(false, 0);
    assertSame(DdgTrainer.ModuleThreads.NONE, GpuBinding.perModule(gpus("0", "1"), cpu));
    assertSame(DdgTrainer.ModuleThreads.NONE, GpuBinding.perModule(Map.of(), cpu));
    assertTrue(one.bound.isEmpty() && cpu.bound.isEmpty());
  }

  @Test
  void aModuleGpuOutsideTheBackendsDevicesIsRefused() {
    Recording devices = new Recording(true, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GpuBinding.perModule(gpus("0", "4"), devices));
    assertTrue(e.getMessage().contains("GPU address 4"), e.getMessage());
  }
}
