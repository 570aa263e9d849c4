package dev.backproplab.jobs.cli;

import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.query.Engines;
import dev.backproplab.jobs.query.QueryEngine;
import java.util.Collection;
import picocli.CommandLine.Option;

/** The options that choose the engine reading a results folder ({@code bpl query}, {@code report}, {@code compare}). */
final class EngineOptions {
  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
      description = "auto (DuckDB for a local folder, else Spark), duckdb or spark. Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master for the Spark engine. Default: local[*].")
  String master;

  /** Opens the engine over the sweeps {@code sweeps} (all when empty) of {@code results}. */
  QueryEngine open(String results, Collection<String> sweeps) {
    Spark.checkMaster(master);
    return Engines.open(engine, results, sweeps, master);
  }
}
