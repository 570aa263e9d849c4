package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ModelStore;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.ResultsViews;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ddg trial as two barrier tasks on local[2] (one module each, linked by TCP) gives the curve of the
 * same trial on two threads of one task, and is committed like any trial.
 */
@Tag("spark")
class DdgBarrierSweepTest {
  private static final String SWEEP = """
      name: ddgbarrier
      seed: 4
      dataset: digits
      model: {type: mlp, hidden: [32, 16], activation: tanh}
      budget: {epochs: 3}
      save_models: true
      methods:
        - method: ddg
          params: {optimizer: adam, lr: 0.005, modules: 2, delayed_weights: forward}
          grid: {execution: [threads, barrier]}
      """;

  @TempDir Path dir;

  @Test
  void aBarrierTrialGivesTheThreadedTrialsCurveBitForBit() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results");
    var sweep = SweepFileParser.parse(SWEEP, "ddgbarrier.yaml");
    StringWriter log = new StringWriter();
    SweepJob job = new SweepJob(sweep, "ddgbarrier.yaml", SWEEP, new ResultsStore(out.toString()),
        new PrintWriter(log, true));
    List<TrialSpec> trials = job.validate();
    SweepSummary summary = job.run(spark, trials);
    assertEquals(2, summary.count(TrialStatus.COMPLETED), log.toString());

    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT coalesce(params['execution'], 'threads') AS execution, attempt, blas_threads,"
        + " samples_seen, final_test_accuracy FROM trials ORDER BY execution").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("barrier", rows.get(0).getAs("execution"));
    assertEquals(1, (int) rows.get(0).getAs("blas_threads"), "one BLAS thread per module's task");
    assertEquals((long) rows.get(1).getAs("samples_seen"), (long) rows.get(0).getAs("samples_seen"));
    assertTrue((double) rows.get(0).getAs("final_test_accuracy") > 0.8, rows.get(0).toString());
    List<Row> curves = spark.sql("SELECT coalesce(params['execution'], 'threads') AS execution, step, train_loss,"
        + " val_loss, test_loss, module_staleness, module_gradient_norms FROM curves ORDER BY execution, step")
        .collectAsList();
    assertEquals(8, curves.size(), "a point per epoch and the first, per trial");
    for (int i = 0; i < 4; i++) {
      Row barrier = curves.get(i);
      Row threads = curves.get(i + 4);
      assertEquals("barrier", barrier.getAs("execution"));
      for (int c = 1; c < threads.size(); c++) {
        assertEquals(threads.get(c), barrier.get(c), "column " + threads.schema().fields()[c].name() + " at step "
            + threads.getAs("step") + ": the same numbers on both executions");
      }
    }
    ModelStore models = new ModelStore(out.toString());
    List<TrialOutcome> done = summary.outcomes();
    assertArrayEquals(models.load(done.get(0).trialId(), new Configuration()).params(),
        models.load(done.get(1).trialId(), new Configuration()).params(), "module 0's task saved the whole network");
  }
}
