package dev.backproplab.jobs.cli;

import dev.backproplab.jobs.query.QueryEngine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say which results to read and with which engine ({@code bpl query}, {@code bpl report}). */
final class ResultsSource {
  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder a sweep wrote (--out).")
  String results;

  @Option(names = "--sweep", paramLabel = "ID", description = "Only these sweeps (repeatable). Default: every sweep in the folder.")
  List<String> sweeps = new ArrayList<>();

  @Mixin EngineOptions engine;

  /** Opens the engine over the chosen sweeps of the folder. */
  QueryEngine open() {
    return engine.open(results, sweeps);
  }
}
