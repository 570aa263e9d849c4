package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.report.Report;
import dev.backproplab.jobs.store.SweepRecord;
import dev.backproplab.jobs.store.Verdicts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpl report}: a self-contained HTML page of plots and tables from a results folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML page (opens offline: Chart.js and the data are inlined) from a",
      "results folder: test and validation accuracy and loss against samples seen and wall seconds",
      "(each method at its best configuration, a band over repeats), the cost frontier (best accuracy",
      "within a samples or seconds budget, every method on one plot), alignment angles of the",
      "feedback rules, sigma and fitness of the derivative-free methods, the configurations table,",
      "trial statuses and provenance; for a sweep run under run ids (bpl sweep --run-id), its runs over",
      "time (each method's best accuracy and seconds per epoch per run, each run's commit and bpl",
      "compare verdict). Reads through the same views as bpl query, on DuckDB or Spark."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResultsSource source;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Folder for the page (index.html), on the local file system; created if missing.")
  String out;

  @Option(names = "--title", paramLabel = "TEXT", description = "The page's title. Default: the sweeps' names.")
  String title;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    Path dir = Path.of(out);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException("--out " + out + " is a file: expected a folder for index.html");
    }
    String html;
    try (QueryEngine e = source.open()) {
      List<java.util.Map<String, Object>> runs = SweepRecord.runs(source.results, source.sweeps, new Configuration());
      String name = title != null ? title : runs.isEmpty() ? "backprop-lab report"
          : "backprop-lab report: " + String.join(", ", runs.stream().map(r -> String.valueOf(r.get("sweep_id"))).toList());
      String subtitle = "results " + source.results + (source.sweeps.isEmpty() ? "" : ", sweeps " + source.sweeps) + "; read with "
          + e.name() + " at " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      html = Report.html(e, name, subtitle, runs, new Verdicts(source.results, new Configuration()).all());
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".index-", ".html");
      Files.writeString(tmp, html);
      Files.move(tmp, dir.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write the report to " + out + ": " + e.getMessage(), e);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("report: %s (%,d bytes, %.1f s)%n", dir.resolve("index.html"), Files.size(dir.resolve("index.html")),
        (System.nanoTime() - start) / 1e9);
    stdout.flush();
    return ExitCodes.OK;
  }
}
