package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.ResultFormat;
import dev.backproplab.jobs.store.ViewsSql;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpl query}: read-only SQL over a results folder, on DuckDB or Spark SQL. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run read-only SQL (SELECT, WITH, EXPLAIN, DESCRIBE, SHOW) over a results folder. A local",
      "folder is read by embedded DuckDB (no Spark); hdfs:// and s3a:// folders, or --engine spark,",
      "by Spark SQL. The views (the same on both engines, from views.sql in the jar):",
      "  trials          one row per trial (its latest attempt): method, params (map), status,",
      "                  final_val_accuracy, best_val_accuracy, final_test_accuracy,",
      "                  test_accuracy_at_best_val, wall_seconds, samples_seen, ...",
      "                  and configuration (the params as JSON text, to group by)",
      "  current_trials  the rows of trials in their sweep's current revision (after the sweep",
      "                  file was edited and run again under the same name)",
      "  trial_attempts  every attempt of every trial, retries included (latest: the trial's latest)",
      "  curves          one row per measured point: step, epoch, samples_seen, train_loss,",
      "                  val_loss, val_accuracy, test_loss, test_accuracy, ..., and its trial's params",
      "  and the ready-made answers (--report NAME, or SELECT from them): see --list-reports.",
      "Example: bpl query --results results \"SELECT method, params['lr'] AS lr,",
      "  avg(final_val_accuracy) AS val, avg(final_test_accuracy) AS test FROM trials",
      "  GROUP BY 1, 2 ORDER BY val DESC\"   (choose on validation, report test)"
    })
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResultsSource source;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--report", paramLabel = "NAME", description = "Run a ready-made answer instead of SQL (see --list-reports).")
  String report;

  @Option(names = "--list-reports", description = "List the ready-made answers and exit.")
  boolean listReports;

  @Parameters(paramLabel = "SQL", arity = "0..1", description = "The query.")
  String sql;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (listReports) {
      ViewsSql.answers().forEach((name, what) -> out.printf("%-20s %s%n", name, what));
      out.flush();
      return ExitCodes.OK;
    }
    ResultFormat f = switch (format) {
      case "table" -> ResultFormat.TABLE;
      case "csv" -> ResultFormat.CSV;
      case "json" -> ResultFormat.JSON;
      default -> throw new InvalidInputException(
          "--format '" + format + "' is not known: expected table, csv or json");
    };
    String statement = statement();
    try (QueryEngine e = source.open()) {
      PrintWriter err = spec.commandLine().getErr();
      for (String skipped : e.skipped()) {
        err.println("bpl query: warning: left out " + skipped);
      }
      err.flush();
      f.print(e.query(statement), out);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The SQL to run: the argument, or the ready-made answer {@code --report} names. */
  private String statement() {
    if (report == null && sql == null) {
      throw new InvalidInputException("give a query (SQL) or --report NAME; the reports: "
          + ViewsSql.answers().keySet());
    }
    if (report != null && sql != null) {
      throw new InvalidInputException("give either a query or --report " + report + ", not both");
    }
    if (report == null) {
      return sql;
    }
    Map<String, String> answers = ViewsSql.answers();
    if (!answers.containsKey(report)) {
      throw new InvalidInputException("--report '" + report + "' is not known: expected one of " + answers.keySet());
    }
    return "SELECT * FROM " + report + " ORDER BY 1, 2, 3, 4";
  }
}
