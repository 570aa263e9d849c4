package dev.backproplab.jobs.bench;

import dev.backproplab.core.nn.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on: host, CPU model, cores, Java, the elementwise kernels in use, and
 * the load average (on a shared machine other work slows every figure; ratios within one run hold).
 */
public final class Machine {
  private Machine() {}

  /** One line: host, CPU, cores, Java, kernels and load average. */
  public static String describe() {
    double[] load = loadAverage();
    return host() + " (" + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", " + Kernels.get().describe() + " kernels), load average "
        + String.format(Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  }

  /** The load average line to print at the end of a table: the load may have changed while it ran. */
  public static String loadLine() {
    double[] load = loadAverage();
    return String.format(Locale.ROOT, "load average at the end: %.2f %.2f %.2f (1, 5, 15 min)", load[0], load[1],
        load[2]);
  }

  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  public static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU"; // not Linux
    }
  }

  /**
   * CPU seconds this JVM has used so far, every thread (BLAS, GC and compiler threads included); NaN
   * where the platform does not tell. On a busy machine the CPU a computation takes holds where its
   * wall time does not.
   */
  public static double processCpuSeconds() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0 ? os.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  /** The 1, 5 and 15-minute load averages from /proc/loadavg; NaN where not Linux. */
  public static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
  }
}
