package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.ResultsViews;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ASHA across the trials of a sweep on local[2]: hopeless trials stop early and keep their curves. */
@Tag("spark")
class EarlyStoppingTest {
  private static final String SWEEP = """
      name: asha
      seed: 4
      dataset: digits
      model: {type: mlp, hidden: [16], activation: tanh}
      budget: {epochs: 8}
      early_stopping: {rule: asha, metric: val_loss, grace_epochs: 1, reduction_factor: 3}
      methods:
        - method: bp
          params: {optimizer: momentum, batch_size: 64}
          grid: {lr: [0.1, 0.05, 0.2, 0.00001, 0.00002, 0.00003]}
      """;

  @TempDir Path dir;

  @Test
  void hopelessTrialsStopAtARungAndKeepTheirCurves() throws Exception {
    Path out = dir.resolve("results");
    SweepJob job = new SweepJob(SweepFileParser.parse(SWEEP, "asha.yaml"), "asha.yaml", SWEEP,
        new ResultsStore(out.toString()), new PrintWriter(new StringWriter()));
    SweepSummary summary = job.run(SharedSpark.session(), job.validate());
    assertEquals(6, summary.outcomes().size());
    assertTrue(summary.count(TrialStatus.STOPPED) >= 1, summary.outcomes().toString());

    SparkSession spark = SharedSpark.session();
    ResultsViews.register(spark, out.toString());
    List<Row> stopped = spark.sql("SELECT trial_id, epochs, error FROM trials WHERE status = 'STOPPED'").collectAsList();
    for (Row r : stopped) {
      assertTrue(r.getInt(1) < 8, r.toString());
      assertTrue(r.getString(2).contains("stopped by ASHA"), r.getString(2));
      long points = spark.sql("SELECT * FROM curves WHERE trial_id = '" + r.getString(0) + "'").count();
      assertEquals(r.getInt(1) + 1, points, "curve kept up to the stop");
    }
    Row best = spark.sql("SELECT status FROM trials ORDER BY final_val_accuracy DESC LIMIT 1").first();
    assertEquals("COMPLETED", best.getString(0));
    assertTrue(out.resolve("_rungs/asha/1").toFile().list().length >= 3, "the board holds rung 1's posts");
  }
}
