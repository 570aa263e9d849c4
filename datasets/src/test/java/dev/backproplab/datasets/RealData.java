package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backproplab.core.data.Examples;
import dev.backproplab.datasets.fetch.DatasetFetcher;
import dev.backproplab.datasets.registry.DataEnvironment;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** Access to the real data under {@code $BPL_DATA_DIR} for tests, skipping (not failing) when absent. */
final class RealData {
  private RealData() {}

  /** The data directory if it holds {@code folder}, else null. */
  static String dataDirOrNull(String folder) {
    String dir = System.getenv(DataEnvironment.DATA_DIR_VARIABLE);
    return dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir, folder)) ? dir : null;
  }

  /** Skips the calling test with a clear message unless {@code $BPL_DATA_DIR/<folder>} exists. */
  static void assumeData(String folder, String what) {
    String dir = System.getenv(DataEnvironment.DATA_DIR_VARIABLE);
    assumeTrue(dir != null && !dir.isBlank(), "BPL_DATA_DIR not set: skipping " + what + " checks");
    assumeTrue(Files.isDirectory(Path.of(dir, folder)),
        "BPL_DATA_DIR=" + dir + " has no " + folder + "/: skipping " + what + " checks");
  }

  /** An environment with only the data directory (no real home cache). */
  static DataEnvironment environment(String dataDir) {
    return new DataEnvironment(Optional.of(dataDir), Path.of(System.getProperty("java.io.tmpdir"), "bpl-test-no-home"));
  }

  static DatasetLoader loader(String dataDir) {
    return new DatasetLoader(DatasetRegistry.standard(), environment(dataDir), new Configuration());
  }

  static DatasetManager manager(String dataDir) {
    return new DatasetManager(DatasetRegistry.standard(), environment(dataDir), new Configuration(),
        DatasetFetcher.standard());
  }

  /** Mean and standard deviation (population) of all feature values, in double. */
  static double[] meanStd(Examples e) {
    double sum = 0;
    double sq = 0;
    for (float v : e.features()) {
      sum += v;
      sq += (double) v * v;
    }
    double n = e.features().length;
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(sq / n - mean * mean)};
  }
}
