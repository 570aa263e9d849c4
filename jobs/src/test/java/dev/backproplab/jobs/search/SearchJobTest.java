package dev.backproplab.jobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("spark")
class SearchJobTest {
  private static final PrintWriter QUIET = new PrintWriter(OutputStream.nullOutputStream());

  @TempDir Path dir;

  static String file(String method, String params) {
    return """
        name: search-test
        seed: 3
        dataset: digits
        model: {type: mlp, hidden: [4], activation: tanh}
        budget: {samples: 12000}
        methods:
          - method: %s
            params: {%s}
        """.formatted(method, params);
  }

  /**
   * Per method: its params, and the most the distributed run may send per generation as a fraction
   * of shipping every candidate (n x lambda x 8 bytes). The network here is tiny (310 parameters), so
   * fixed costs weigh: the rows, Java serialization headers, seed genomes one long longer each
   * generation (Such et al.); on a real network the shares are far smaller (see bpl bench dfo).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # method | params                                                           | max sent / naive
          es       | population: 10, sigma: 0.05, lr: 0.05, batch_size: 40             | 0.25
          ga       | population: 10, encoding: seeds, crossover: none, mutation_sigma: 0.1, batch_size: 40 | 0.3
          cmaes    | sigma0: 0.1, batch_size: 40                                       | 1.2
          """)
  void aDistributedRunGivesTheSameResultAsTheInProcessRun(String method, String params, double maxShare)
      throws Exception {
    String text = file(method, params);
    SweepSpec sweep = SweepFileParser.parse(text, "t.yaml");
    ResultsStore store = new ResultsStore(dir.toString());
    SearchJob job = new SearchJob(sweep, "t.yaml", text, store, QUIET);
    TrialSpec trial = job.validate();
    SparkSession spark = SharedSpark.session();

    SearchJob.Outcome distributed = job.run(spark, trial, 2);
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult local = new TrialRunner().run(trial, DataCache.get("digits"), curve::add);

    TrialResult d = distributed.result();
    assertEquals(TrialStatus.COMPLETED, d.status(), d.error());
    assertEquals(local.samplesSeen(), d.samplesSeen());
    assertEquals(local.evaluations(), d.evaluations());
    assertEquals(local.finalTestLoss(), d.finalTestLoss(), 0.0);
    assertEquals(local.bestTestAccuracy(), d.bestTestAccuracy(), 0.0);
    assertTrue(curve.get(curve.size() - 1).testLoss() < 0.95 * curve.get(0).testLoss(),
        "it learned: test loss " + curve.get(0).testLoss() + " -> " + curve.get(curve.size() - 1).testLoss());
    assertEquals(d.steps(), distributed.generations());
    assertTrue(distributed.bytesSentPerGeneration() < maxShare * distributed.naiveBytesPerGeneration(),
        method + " sent " + distributed.bytesSentPerGeneration() + " bytes per generation, naive "
            + distributed.naiveBytesPerGeneration());
    assertEquals(TrialStatus.COMPLETED,
        store.committed("search-test", spark.sparkContext().hadoopConfiguration())
            .get(trial.trialId()).status());
  }

  @Test
  void aFileWithSeveralTrialsOrAGradientMethodIsRefused() {
    String two = file("es", "population: 10") + "repeats: 2\n";
    InvalidInputException several = assertThrows(InvalidInputException.class,
        () -> new SearchJob(SweepFileParser.parse(two, "t.yaml"), "t.yaml", two,
            new ResultsStore(dir.toString()), QUIET).validate());
    assertTrue(several.getMessage().contains("expands to 2"), several.getMessage());
    String bp = file("bp", "lr: 0.1");
    InvalidInputException gradient = assertThrows(InvalidInputException.class,
        () -> new SearchJob(SweepFileParser.parse(bp, "t.yaml"), "t.yaml", bp,
            new ResultsStore(dir.toString()), QUIET).validate());
    assertTrue(gradient.getMessage().contains("not bp"), gradient.getMessage());
  }

  @Test
  void aSearchSharesTheSweepLifecycleResumeTimeLimitAndLock() throws Exception {
    SparkSession spark = SharedSpark.session();
    ResultsStore store = new ResultsStore(dir.toString());
    String text = file("es", "population: 10, batch_size: 40");
    SearchJob job = new SearchJob(SweepFileParser.parse(text, "t.yaml"), "t.yaml", text, store, QUIET);
    TrialSpec trial = job.validate();
    assertEquals(TrialStatus.COMPLETED, job.run(spark, trial, 2).result().status());
    SearchJob.Outcome again = job.run(spark, trial, 2);
    assertEquals(null, again.result(), "a finished search is not run again");
    assertEquals(0, again.generations());

    String slow = file("es", "population: 10, batch_size: 40").replace("budget: {samples: 12000}",
        "budget: {samples: 100000000}\nmax_trial_seconds: 1");
    SearchJob limited = new SearchJob(SweepFileParser.parse(slow, "t.yaml"), "t.yaml", slow,
        new ResultsStore(dir.resolve("limited").toString()), QUIET);
    TrialResult r = limited.run(spark, limited.validate(), 2).result();
    assertEquals(TrialStatus.TIMED_OUT, r.status(), r.error());

    ResultsStore held = new ResultsStore(dir.resolve("held").toString());
    try (var lock = held.lock("search-test", "another-run", spark.sparkContext().hadoopConfiguration())) {
      SearchJob second = new SearchJob(SweepFileParser.parse(text, "t.yaml"), "t.yaml", text, held, QUIET);
      TrialSpec t = second.validate();
      InvalidInputException refused = assertThrows(InvalidInputException.class, () -> second.run(spark, t, 2));
      assertTrue(refused.getMessage().contains("search-test"), refused.getMessage());
    }
  }
}
