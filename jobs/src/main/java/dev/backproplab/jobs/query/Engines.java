package dev.backproplab.jobs.query;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.ResultsFiles;
import java.util.Collection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Chooses the engine for a results folder: DuckDB for a folder on the local file system (when its
 * driver is on the class path, as under {@code bin/bpl}), Spark SQL otherwise ({@code hdfs://},
 * {@code s3a://}, or the {@code spark-submit} jar, which leaves DuckDB out). See
 * docs/adr/0012-query-engines.md.
 */
public final class Engines {
  private Engines() {}

  /**
   * Opens {@code engine} ({@code auto}, {@code duckdb} or {@code spark}) over the sweeps
   * {@code sweeps} (all when empty) of {@code root}.
   *
   * @param master the Spark master for the Spark engine (null: spark-submit's, else local[*])
   */
  public static QueryEngine open(String engine, String root, Collection<String> sweeps, String master) {
    boolean local = isLocal(root);
    return switch (engine) {
      case "auto" -> local && duckDbAvailable() ? duckDb(root, sweeps) : spark(root, sweeps, master);
      case "duckdb" -> {
        if (!local) {
          throw new InvalidInputException("--engine duckdb reads local folders only, not " + root
              + ": use --engine spark (or auto)");
        }
        if (!duckDbAvailable()) {
          throw new InvalidInputException("--engine duckdb: DuckDB is not on the class path"
              + " (the spark-submit jar leaves it out; run bin/bpl, or use --engine spark)");
        }
        yield duckDb(root, sweeps);
      }
      case "spark" -> spark(root, sweeps, master);
      default -> throw new InvalidInputException(
          "--engine '" + engine + "' is not known: expected auto, duckdb or spark");
    };
  }

  /** Whether {@code root} is on the local file system (a path or a file: URI). */
  static boolean isLocal(String root) {
    String scheme = new Path(root).toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  static boolean duckDbAvailable() {
    try {
      Class.forName(DuckDbEngine.DRIVER);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static QueryEngine duckDb(String root, Collection<String> sweeps) {
    return new DuckDbEngine(ResultsFiles.list(root, sweeps, new Configuration()));
  }

  private static QueryEngine spark(String root, Collection<String> sweeps, String master) {
    return new SparkEngine(Spark.session("bpl query", master, false), true, root, sweeps);
  }
}
