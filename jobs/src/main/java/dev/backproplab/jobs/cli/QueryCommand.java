package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.Spark;
import dev.backproplab.jobs.store.ResultFormat;
import dev.backproplab.jobs.store.ResultsViews;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpl query}: Spark SQL over a results folder. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run Spark SQL over a results folder. Views:",
      "  trials          one row per trial (its latest attempt): method, params (map), status,",
      "                  final_test_accuracy, best_test_accuracy, wall_seconds, samples_seen, ...",
      "  current_trials  the rows of trials in their sweep's current revision (after the sweep",
      "                  file was edited and run again under the same name)",
      "  trial_attempts  every attempt of every trial, retries included",
      "  curves          one row per measured point: step, epoch, samples_seen, train_loss,",
      "                  test_loss, test_accuracy, wall_seconds, ..., and its trial's params",
      "Example: bpl query --results results \"SELECT method, params['lr'] AS lr,",
      "  avg(final_test_accuracy) AS acc FROM trials GROUP BY 1, 2 ORDER BY acc DESC\""
    })
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", paramLabel = "DIR", required = true, description = "The results folder a sweep wrote (--out).")
  String results;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*].")
  String master;

  @Parameters(paramLabel = "SQL", description = "The query.")
  String sql;

  @Override
  public Integer call() throws Exception {
    ResultFormat f = switch (format) {
      case "table" -> ResultFormat.TABLE;
      case "csv" -> ResultFormat.CSV;
      case "json" -> ResultFormat.JSON;
      default -> throw new InvalidInputException(
          "--format '" + format + "' is not known: expected table, csv or json");
    };
    Spark.checkMaster(master);
    ResultsViews.Tables tables = ResultsViews.scan(results, Spark.hadoopConfiguration());
    PrintWriter err = spec.commandLine().getErr();
    for (String skipped : tables.skipped()) {
      err.println("bpl query: warning: left out " + skipped);
    }
    err.flush();
    SparkSession spark = Spark.session("bpl query", master, false);
    try {
      ResultsViews.register(spark, tables);
      Dataset<Row> result;
      try {
        result = spark.sql(sql);
      } catch (Exception e) {
        // Scala throws the checked AnalysisException (and ParseException, a subclass) undeclared
        if (e instanceof AnalysisException) {
          throw new InvalidInputException("the query is not valid: " + e.getMessage(), e);
        }
        throw e;
      }
      PrintWriter out = spec.commandLine().getOut();
      f.print(result, out);
      out.flush();
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }
}
