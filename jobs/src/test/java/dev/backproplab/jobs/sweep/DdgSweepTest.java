package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.TrialSpec;
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

/** ddg trials in a sweep on local[2]: one at a time, so that two modules get the two cores; curves with staleness. */
@Tag("spark")
class DdgSweepTest {
  private static final String SWEEP = """
      name: ddgtest
      seed: 3
      dataset: digits
      model: {type: mlp, hidden: [32, 16], activation: tanh}
      budget: {epochs: 3}
      repeats: 1
      methods:
        - method: bp
          params: {optimizer: momentum, lr: 0.05}
        - method: ddg
          params: {optimizer: momentum, lr: 0.05}
          grid: {modules: [2, 3]}
      """;

  @TempDir Path dir;

  @Test
  void ddgTrialsRunAndRecordTheirStalenessPerModule() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results");
    var sweep = SweepFileParser.parse(SWEEP, "ddgtest.yaml");
    StringWriter log = new StringWriter();
    SweepJob job = new SweepJob(sweep, "ddgtest.yaml", SWEEP, new ResultsStore(out.toString()), new PrintWriter(log, true));
    List<TrialSpec> trials = job.validate();
    SweepSummary summary = job.run(spark, trials);
    assertEquals(3, summary.count(TrialStatus.COMPLETED), log.toString());

    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT method, params['modules'] AS k, final_test_accuracy, samples_seen, blas_threads"
        + " FROM trials ORDER BY method, k").collectAsList();
    assertEquals(3, rows.size());
    long bpSamples = rows.get(0).getAs("samples_seen");
    for (Row r : rows) {
      // three modules: the lowest layer two steps late, so slower in the first epochs
      assertTrue((double) r.getAs("final_test_accuracy") > ("3".equals(r.getAs("k")) ? 0.5 : 0.85), r.toString());
      assertEquals(bpSamples, (long) r.getAs("samples_seen"), "samples_seen counts as for bp");
      assertEquals(1, (int) r.getAs("blas_threads"), "one BLAS thread per module");
    }
    List<Row> last = spark.sql("SELECT c.params['modules'] AS k, c.staleness, c.module_staleness FROM curves c"
        + " WHERE c.method = 'ddg' AND c.epoch = 3 ORDER BY k").collectAsList();
    assertEquals(2, last.size());
    assertEquals(1.0, (double) last.get(0).getAs("staleness"), 0.0);
    assertEquals(List.of(1.0, 0.0), last.get(0).getList(2));
    assertEquals(2.0, (double) last.get(1).getAs("staleness"), 0.0);
    assertEquals(List.of(2.0, 1.0, 0.0), last.get(1).getList(2));
    assertEquals(0, spark.sql("SELECT * FROM curves WHERE method = 'bp' AND staleness IS NOT NULL").count());
  }
}
