package dev.backproplab.jobs.cli;

import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.query.Engines;
import dev.backproplab.jobs.query.QueryEngine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say which results to read and with which engine ({@code bpl query}, {@code bpl report}). */
final class ResultsSource {
  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder a sweep wrote (--out).")
  String results;

  @Option(names = "--sweep", paramLabel = "ID", description = "Only these sweeps (repeatable). Default: every sweep in the folder.")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
      description = "auto (DuckDB for a local folder, else Spark), duckdb or spark. Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master for the Spark engine. Default: local[*].")
  String master;

  /** Opens the engine over the chosen sweeps of the folder. */
  QueryEngine open() {
    Spark.checkMaster(master);
    return Engines.open(engine, results, sweeps, master);
  }
}
