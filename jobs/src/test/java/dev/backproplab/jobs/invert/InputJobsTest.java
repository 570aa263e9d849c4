package dev.backproplab.jobs.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsViews;
import dev.backproplab.jobs.sweep.SweepSummary;
import dev.backproplab.jobs.sweep.TrialOutcome;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input-optimisation methods end to end on a real local Spark: a small CNN trained on digits with
 * save_models, then invert, texture and convert trials on it by trial id, one per task; their
 * per-step losses in the curves table, their PNG outputs under {@code outputs/}, a judge's verdicts as
 * trial columns in both query engines; and what a sweep that names a layer the model lacks, a different
 * model, a missing judge or a missing statistics model (stats_model), is told.
 */
@Tag("spark")
class InputJobsTest {
  private static final String MODEL = "{type: cnn, conv: [{filters: 4, kernel: 3, padding: 1}], pool: 2,"
      + " hidden: [16], activation: relu}";
  private static final String TRAIN = """
      name: digits-cnn
      seed: 5
      dataset: digits
      model: MODEL
      budget: {epochs: 1}
      repeats: 1
      save_models: true
      methods:
        - method: bp
          params: {optimizer: adam, lr: 0.01, batch_size: 32}
      """.replace("MODEL", MODEL);
  private static final String INPUTS = """
      name: digits-inputs
      seed: 5
      dataset: digits
      model: MODEL
      budget: {seconds: 600}
      repeats: 1
      methods:
        - method: invert
          params: {model: ID, steps: 40, lr: 0.05, source: 'test:3'}
        - method: texture
          params: {model: ID, steps: 40, lr: 0.05, target: 'train:class=7'}
        - method: convert
          params: {model: ID, steps: 40, lr: 0.05, source: 'test:3', target: 'test:class=1', stats_layers: '1,2',
                   judges: 'digit=ID'}
      """.replace("MODEL", MODEL);

  @TempDir static Path dir;
  private static String id;

  /** The classifier both tests read, trained once. */
  @BeforeAll
  static void trainClassifier() throws Exception {
    SweepSummary trained = run(TRAIN, dir.resolve("results"));
    TrialOutcome t = trained.outcomes().get(0);
    assertEquals(TrialStatus.COMPLETED, t.status(), t.toString());
    id = t.trialId();
  }

  private static SweepSummary run(String text, Path out) throws Exception {
    return SharedSpark.runSweep(text, "inputs.yaml", out, new StringWriter());
  }

  @Test
  void inputJobsRunAsTrialsWithCurvesAndImages() throws Exception {
    Path out = dir.resolve("results");
    SweepSummary s = run(INPUTS.replace("ID", id), out);
    assertEquals(3, s.outcomes().size());
    assertEquals(3, s.count(TrialStatus.COMPLETED), s.outcomes().toString());

    SparkSession spark = SharedSpark.session();
    ResultsViews.register(spark, out.toString());
    List<Row> rows = spark.sql("SELECT t.method, t.trial_id, count(*) AS points, min_by(c.train_loss, c.step) AS"
        + " first, max_by(c.train_loss, c.step) AS last, max(c.step) AS steps FROM trials t JOIN curves c USING"
        + " (trial_id) WHERE t.sweep_id = 'digits-inputs' GROUP BY t.method, t.trial_id").collectAsList();
    assertEquals(3, rows.size());
    for (Row r : rows) {
      String method = r.getAs("method");
      assertEquals(40L, (long) r.getAs("points"), method);
      assertEquals(40L, (long) r.getAs("steps"), method);
      assertTrue((double) r.getAs("last") < 0.5 * (double) r.getAs("first"),
          method + " loss " + r.getAs("first") + " -> " + r.getAs("last"));
      Path outputs = out.resolve("outputs/digits-inputs/" + r.getAs("trial_id"));
      BufferedImage result = ImageIO.read(outputs.resolve("result.png").toFile());
      assertNotNull(result, method);
      assertEquals(64, result.getWidth(), "8 pixels at scale 8");
      List<String> names = List.of("result.png", method.equals("invert") ? "source.png" : "target.png");
      for (String n : names) {
        assertTrue(Files.exists(outputs.resolve(n)), method + " wrote " + n);
      }
      try (Stream<Path> files = Files.list(outputs)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no hidden file is left");
      }
    }
    String judged = "SELECT judge_class['digit'] AS result, judge_class['digit.source'] AS source,"
        + " judge_class['digit.target'] AS target, judge_probability['digit.source'] AS p, source_label,"
        + " target_label FROM trials WHERE sweep_id = 'digits-inputs' AND method = 'convert'";
    Row j = spark.sql(judged).collectAsList().get(0);
    assertEquals(1, (int) j.getAs("target_label"));
    int sourceLabel = j.getAs("source_label");
    assertTrue(sourceLabel >= 0 && sourceLabel < 10, "the label of test:3: " + sourceLabel);
    double p = j.getAs("p");
    assertTrue(p > 0.1 && p <= 1.0, "the probability of the judge's pick: " + p);
    Cli duck = Cli.run("query", "--results", out.toString(), "--format", "csv", judged);
    assertEquals(0, duck.exitCode(), duck.err());
    assertEquals("result,source,target,p,source_label,target_label\n" + j.getAs("result") + "," + j.getAs("source")
        + "," + j.getAs("target") + "," + p + "," + sourceLabel + ",1", duck.out().strip(), "DuckDB reads the same row");
    Row texture = spark.sql("SELECT judge_class IS NULL AS unjudged, source_label, target_label FROM trials"
        + " WHERE sweep_id = 'digits-inputs' AND method = 'texture'").collectAsList().get(0);
    assertTrue((boolean) texture.getAs("unjudged"), "no judges, no verdicts");
    assertEquals(null, (Object) texture.getAs("source_label"));
    assertEquals(7, (int) texture.getAs("target_label"));
  }

  @Test
  void aLayerTheModelLacksOrAnotherModelStopsTheSweepBeforeAnythingRuns() throws Exception {
    Path out = dir.resolve("results");
    String tooDeep = INPUTS.replace("ID", id).replace("steps: 40, lr: 0.05, source: 'test:3'}",
        "steps: 40, content_layer: 9}");
    InvalidInputException deep = assertThrows(InvalidInputException.class, () -> run(tooDeep, out));
    assertTrue(deep.getMessage().contains("inputs.yaml: method invert, model = " + id + ": content_layer = 9 is past"
        + " the model's 5 layers: 1 conv"), deep.getMessage());
    String notConv = INPUTS.replace("ID", id).replace("stats_layers: '1,2'", "stats_layers: '1,4'");
    InvalidInputException flat = assertThrows(InvalidInputException.class, () -> run(notConv, out));
    assertTrue(flat.getMessage().contains("stats_layers has 4, which is not a convolution or pooling layer"),
        flat.getMessage());
    String other = INPUTS.replace("ID", id).replace("hidden: [16]", "hidden: [32]");
    InvalidInputException model = assertThrows(InvalidInputException.class, () -> run(other, out));
    assertTrue(model.getMessage().contains("but the block's model is"), model.getMessage());
    String noJudge = INPUTS.replace("ID", id).replace("judges: 'digit=" + id + "'", "judges: 'digit=0123456789abcdef'");
    InvalidInputException judge = assertThrows(InvalidInputException.class, () -> run(noJudge, out));
    assertTrue(judge.getMessage().contains("inputs.yaml: method convert, judges: digit = 0123456789abcdef: No saved"
        + " model of trial 0123456789abcdef"), judge.getMessage());
    String past = INPUTS.replace("ID", id).replace("name: digits-inputs", "name: past")
        .replace("source: 'test:3'}", "source: 'test:9999'}");
    Path file = Files.writeString(dir.resolve("past.yaml"), past);
    Cli r = Cli.run("sweep", file.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("source = test:9999: digits's test split has"), r.err());
    assertTrue(!Files.exists(out.resolve("outputs/past")) && !Files.exists(out.resolve("sweeps/past.yaml")),
        "nothing ran");
    String noStats = INPUTS.replace("ID", id).replace("name: digits-inputs", "name: nostats")
        .replace("stats_layers: '1,2',", "stats_layers: '1,2', stats_model: 0123456789abcdef,");
    Path stats = Files.writeString(dir.resolve("nostats.yaml"), noStats);
    Cli r2 = Cli.run("sweep", stats.toString(), "--out", out.toString());
    assertEquals(2, r2.exitCode(), r2.err());
    assertTrue(r2.err().contains("nostats.yaml: method convert, model = " + id + ", stats_model = 0123456789abcdef: No"
        + " saved model of trial 0123456789abcdef"), r2.err());
    assertTrue(!Files.exists(out.resolve("outputs/nostats")) && !Files.exists(out.resolve("sweeps/nostats.yaml")),
        "nothing ran");
  }
}
