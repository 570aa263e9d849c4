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
      "                  final_val_accuracy, best_val_accuracy, final_test_accuracy,",
      "                  test_accuracy_at_best_val, wall_seconds, samples_seen, ...",
      "  trial_attempts  every attempt of every trial, retries included",
      "  curves          one row per measured point: step, epoch, samples_seen, train_loss,",
      "                  val_loss, val_accuracy, test_loss, test_accuracy, ..., and its trial's params",
      "Example: bpl query --results results \"SELECT method, params['lr'] AS lr,",
      "  avg(final_val_accuracy) AS val, avg(final_test_accuracy) AS test FROM trials",
      "  GROUP BY 1, 2 ORDER BY val DESC\"   (choose on validation, report test)"
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
    SparkSession spark = Spark.session("bpl query", master, false);
    try {
      ResultsViews.register(spark, results);
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
