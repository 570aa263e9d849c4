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
 * same trial on two threads of one task, and is committed like any trial; one whose top module
 * diverges is a DIVERGED row in a sweep that goes on.
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
        - method: ddg
          model: {type: mlp, hidden: [32, 16], activation: relu}
          params: {optimizer: sgd, lr: 1.0e30, modules: 2, execution: barrier}
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
    // the top module (task 1) diverges: module 0's task records it, the sweep goes on
    assertEquals(1, summary.count(TrialStatus.DIVERGED), log.toString());

    ResultsViews.register(spark, out.toString());
    assertTrue(spark.sql("SELECT error FROM trials WHERE status = 'DIVERGED'").first().getString(0)
        .startsWith("loss became"), "the top module's own message, not module 0's validation loss");
    List<Row> rows = spark.sql("SELECT coalesce(params['execution'], 'threads') AS execution, attempt, blas_threads,"
        + " samples_seen, final_test_accuracy FROM trials WHERE status = 'COMPLETED' ORDER BY execution")
        .collectAsList();
    assertEquals(2, rows.size());
    assertEquals("barrier", rows.get(0).getAs("execution"));
    assertEquals(1, (int) rows.get(0).getAs("blas_threads"), "one BLAS thread per module's task");
    assertEquals((long) rows.get(1).getAs("samples_seen"), (long) rows.get(0).getAs("samples_seen"));
    assertTrue((double) rows.get(0).getAs("final_test_accuracy") > 0.8, rows.get(0).toString());
    List<Row> curves = spark.sql("SELECT coalesce(params['execution'], 'threads') AS execution, step, train_loss,"
        + " val_loss, test_loss, module_staleness, module_gradient_norms FROM curves WHERE params['lr'] <> '1.0E30'"
        + " ORDER BY execution, step")
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
    List<TrialOutcome> done = summary.outcomes().stream().filter(o -> o.status() == TrialStatus.COMPLETED).toList();
    assertArrayEquals(models.load(done.get(0).trialId(), new Configuration()).params(),
        models.load(done.get(1).trialId(), new Configuration()).params(), "module 0's task saved the whole network");
  }
}
