package dev.backproplab.jobs.sweep;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Holdout;
import dev.backproplab.datasets.DatasetLoader;
import dev.backproplab.datasets.registry.DatasetRegistry;
import dev.backproplab.jobs.Spark;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data sets loaded once per JVM. Every trial of a sweep in an executor (and, in local mode, the driver
 * that validated the sweep) shares one immutable copy, so a hundred trials on MNIST parse its files
 * once. Loading one name blocks only callers of the same name. The cache lives as long as the JVM:
 * an executor serves one application, whose sweeps name a handful of data sets.
 */
public final class DataCache {
  private static final Map<String, DataSplit> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, DataSplit> HELD_OUT = new ConcurrentHashMap<>();

  private DataCache() {}

  /**
   * The data set {@code nameOrPath}, loading it on first use.
   *
   * @throws dev.backproplab.core.InvalidInputException when it cannot be found or read
   */
  public static DataSplit get(String nameOrPath) {
    return CACHE.computeIfAbsent(nameOrPath, n ->
        new DatasetLoader(DatasetRegistry.standard(), Spark.dataEnvironment(), Spark.hadoopConfiguration()).load(n));
  }

  /**
   * The data set {@code nameOrPath} with {@code holdout} taken from its training split as the
   * validation split ({@link DataSplit#holdOut}), held out once per JVM.
   *
   * @throws dev.backproplab.core.InvalidInputException when it cannot be found or read, or the holdout
   *     does not fit its training split
   */
  public static DataSplit get(String nameOrPath, Holdout holdout) {
    DataSplit loaded = get(nameOrPath);
    return HELD_OUT.computeIfAbsent(nameOrPath + "\n" + holdout.describe(), k -> loaded.holdOut(holdout));
  }
}
