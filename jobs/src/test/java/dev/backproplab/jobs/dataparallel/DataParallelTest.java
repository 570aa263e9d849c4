package dev.backproplab.jobs.dataparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.ResultsViews;
import dev.backproplab.jobs.sweep.SweepFileParser;
import dev.backproplab.jobs.sweep.SweepJob;
import dev.backproplab.jobs.sweep.SweepSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bp-dataparallel (DL4J Spark parameter averaging) beside bp in one sweep on local[2]: it learns,
 * and its curve lands in the same tables as bp's.
 */
@Tag("spark")
class DataParallelTest {
  private static final String SWEEP = """
      name: dataparallel
      seed: 8
      dataset: digits
      model: {type: mlp, hidden: [32], activation: relu}
      budget: {epochs: 4}
      methods:
        - method: bp
          params: {optimizer: nesterov, lr: 0.05, batch_size: 32}
        - method: bp-dataparallel
          params: {optimizer: nesterov, lr: 0.05, batch_size: 32, averaging_frequency: 3}
      """;

  @TempDir Path dir;

  @Test
  void trainsAcrossTheClusterIntoTheSameTables() throws Exception {
    Path out = dir.resolve("results");
    StringWriter log = new StringWriter();
    SweepJob job = new SweepJob(SweepFileParser.parse(SWEEP, "dp.yaml"), "dp.yaml", SWEEP,
        new ResultsStore(out.toString()), new PrintWriter(log, true));
    SweepSummary summary = job.run(SharedSpark.session(), job.validate());
    assertEquals(2, summary.outcomes().size(), log.toString());

    SparkSession spark = SharedSpark.session();
    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT method, status, final_test_accuracy, epochs, executor, error FROM trials"
        + " ORDER BY method").collectAsList();
    Row bp = rows.get(0);
    Row dp = rows.get(1);
    assertEquals("bp-dataparallel", dp.getString(0));
    assertEquals("COMPLETED", dp.getString(1), String.valueOf(dp.get(5)));
    assertEquals(4, dp.getInt(3));
    // parameter averaging over 2 workers learns more slowly per epoch than bp (0.86 against 0.96 here)
    assertTrue(dp.getDouble(2) > 0.75, "data-parallel accuracy " + dp.getDouble(2));
    assertTrue(dp.getString(4).startsWith("driver:"), "trials driven from the driver say so: " + dp.getString(4));
    assertEquals("COMPLETED", bp.getString(1));
    List<Row> curve = spark.sql("SELECT epoch, train_loss, test_loss FROM curves WHERE method = 'bp-dataparallel'"
        + " ORDER BY step").collectAsList();
    assertEquals(5, curve.size());
    assertTrue(curve.get(4).getDouble(2) < 0.5 * curve.get(0).getDouble(2), curve.toString());
    assertTrue(curve.get(1).getDouble(1) > 0, "DL4J's averaged score is the epoch's train loss");
  }
}
