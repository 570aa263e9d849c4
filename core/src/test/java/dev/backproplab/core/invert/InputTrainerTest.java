package dev.backproplab.core.invert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.Judgements;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The input-optimisation trainer on a small log-mel CNN over short synthetic waveforms: one curve
 * point per step, WAV files and spectrogram PNGs out, the same numbers for the same seed, and the
 * messages for selectors and layers that do not fit.
 */
class InputTrainerTest {
  private static final int SAMPLES = 400 + 160 * 11; // 12 frames of the speech front end
  private static final ModelSpec MODEL = new ModelSpec("cnn", List.of(), "relu",
      List.of(new ModelSpec.ConvSpec(2, 3, 1, 1)), 2, "logmel", "flatten", null);
  /** A second model, as a speaker classifier beside a word classifier: other filters, statistics pooling. */
  private static final ModelSpec STATS = new ModelSpec("cnn", List.of(), "relu",
      List.of(new ModelSpec.ConvSpec(3, 3, 1, 1)), 2, "logmel", "stats", null);

  private static DataSplit waves() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 6;
    float[] x = new float[n * SAMPLES];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int s = 0; s < SAMPLES; s++) {
        x[i * SAMPLES + s] = (float) (0.3 * Math.sin(2 * Math.PI * (300 + 400 * y[i]) * s / 16_000.0)
            + 0.01 * rng.nextGaussian());
      }
    }
    Examples all = new Examples(x, y, new int[] {SAMPLES}, 2);
    return new DataSplit("waves", all.select(new int[] {0, 1, 2, 3}), all.select(new int[] {2, 3}),
        all.select(new int[] {4, 5}), "0".repeat(64));
  }

  private record Run(TrialResult result, List<CurvePoint> curve, Map<String, byte[]> files) {}

  /**
   * The saved models by trial id: abc123 (MODEL), spk456 (STATS) and odd789, a model of clips 160 samples
   * shorter than the data's.
   */
  private static Map<String, SavedModel> models(DataSplit data) {
    int shorter = SAMPLES - 160;
    Examples odd = new Examples(new float[2 * shorter], new int[] {0, 1}, new int[] {shorter}, 2);
    return Map.of("abc123", SavedModel.of("abc123", MODEL, new int[] {SAMPLES},
            Networks.build(MODEL, data.train(), DataType.DOUBLE, 7)),
        "spk456", SavedModel.of("spk456", STATS, new int[] {SAMPLES},
            Networks.build(STATS, data.train(), DataType.DOUBLE, 8)),
        "odd789", SavedModel.of("odd789", MODEL, new int[] {shorter}, Networks.build(MODEL, odd, DataType.DOUBLE, 9)));
  }

  private static Run run(String method, Map<String, Object> params) {
    DataSplit data = waves();
    Map<String, SavedModel> models = models(data);
    Map<String, Object> given = new HashMap<>(params);
    given.putIfAbsent("model", "abc123");
    Method.Resolved r = InputMethod.class.cast(switch (method) {
      case "invert" -> InputMethod.invert();
      case "texture" -> InputMethod.texture();
      default -> InputMethod.convert();
    }).resolve(given, "t.yaml");
    InputJobConfig config = (InputJobConfig) r.config();
    TrialSpec spec = new TrialSpec("s", "t1", "waves", MODEL, r.params(), config, new Budget(null, null, 600.0), 11);
    Map<String, byte[]> files = new HashMap<>();
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult result = new TrialRunner().run(spec, data, config.trainer(id -> {
      if (!models.containsKey(id)) {
        throw new InvalidInputException("No saved model of trial " + id);
      }
      return models.get(id);
    }, files::put), curve::add,
        Double.POSITIVE_INFINITY, null);
    return new Run(result, curve, files);
  }

  @Test
  void inversionRecordsEveryStepAndWritesAudioAndSpectrograms() throws Exception {
    Run a = run("invert", Map.of("steps", 6L, "lr", 0.01, "source", "test:1"));
    assertEquals(TrialStatus.COMPLETED, a.result().status(), a.result().error());
    assertEquals(6, a.curve().size());
    assertEquals(6, a.result().steps());
    assertTrue(a.curve().get(5).trainLoss() < a.curve().get(0).trainLoss(), "the feature loss falls");
    assertEquals(a.curve().get(5).trainLoss(), a.result().finalTrainLoss(), 0.0);
    assertTrue(Double.isNaN(a.curve().get(0).valLoss()), "no validation figure for an input job");
    assertEquals(java.util.Set.of("result.wav", "result.png", "source.wav", "source.png"), a.files().keySet());
    try (AudioInputStream wav = AudioSystem.getAudioInputStream(new ByteArrayInputStream(a.files().get("result.wav")))) {
      assertEquals(SAMPLES, wav.getFrameLength());
      assertEquals(16_000f, wav.getFormat().getSampleRate());
      assertEquals(16, wav.getFormat().getSampleSizeInBits());
    }
    BufferedImage spectrogram = ImageIO.read(new ByteArrayInputStream(a.files().get("source.png")));
    assertEquals(12 * 4, spectrogram.getWidth(), "frames to the right, 4 pixels each");
    assertEquals(40 * 4, spectrogram.getHeight(), "mel bands up, 4 pixels each");
    Run b = run("invert", Map.of("steps", 6L, "lr", 0.01, "source", "test:1"));
    assertArrayEquals(a.files().get("result.wav"), b.files().get("result.wav"), "same seed, same waveform");
  }

  @Test
  void textureAndConversionMatchStatisticsOfTheTargetExamples() {
    Run t = run("texture", Map.of("steps", 5L, "lr", 0.01, "target", "train:class=1"));
    assertEquals(TrialStatus.COMPLETED, t.result().status(), t.result().error());
    assertTrue(t.curve().get(4).trainLoss() < t.curve().get(0).trainLoss(), "the Gram loss falls");
    assertEquals(java.util.Set.of("result.wav", "result.png", "target.wav", "target.png"), t.files().keySet());
    Run c = run("convert", Map.of("steps", 5L, "lr", 0.01, "source", "test:0", "target", "test:class=1",
        "lr_schedule", "cosine"));
    assertEquals(TrialStatus.COMPLETED, c.result().status(), c.result().error());
    assertEquals(6, c.files().size());
  }

  /**
   * Conversion with the statistics from a second model (stats_model): the first step's loss is the content
   * loss on the model plus the statistics loss on the other (each measured by a run of that term alone from
   * the same noise), and the loss falls.
   */
  @Test
  void conversionTakesItsStatisticsFromTheStatsModel() {
    Map<String, Object> common = Map.of("steps", 4L, "lr", 0.01, "target", "train:class=1");
    Map<String, Object> both = new HashMap<>(common);
    both.putAll(Map.of("source", "test:0", "stats_model", "spk456", "start", "noise"));
    Run c = run("convert", both);
    assertEquals(TrialStatus.COMPLETED, c.result().status(), c.result().error());
    assertTrue(c.curve().get(3).trainLoss() < c.curve().get(0).trainLoss(), "the summed loss falls");
    Map<String, Object> content = new HashMap<>(common);
    content.putAll(Map.of("source", "test:0", "stats_weight", 0.0, "start", "noise"));
    double contentLoss = run("convert", content).curve().get(0).trainLoss();
    Map<String, Object> stats = new HashMap<>(common);
    stats.put("model", "spk456");
    double statsLoss = run("texture", stats).curve().get(0).trainLoss();
    assertTrue(contentLoss > 0 && statsLoss > 0, contentLoss + ", " + statsLoss);
    assertEquals(contentLoss + statsLoss, c.curve().get(0).trainLoss(), 1e-9 * (contentLoss + statsLoss));
    Map<String, Object> same = new HashMap<>(both);
    same.put("stats_model", "abc123");
    Map<String, Object> unset = new HashMap<>(both);
    unset.remove("stats_model");
    assertEquals(run("convert", unset).curve().stream().map(CurvePoint::trainLoss).toList(),
        run("convert", same).curve().stream().map(CurvePoint::trainLoss).toList(), "stats_model = model is the default");
  }

  @Test
  void aStatsModelThatDoesNotFitIsNamed() {
    Map<String, Object> p = new HashMap<>(Map.of("steps", 1L, "source", "test:0", "target", "train:class=1"));
    p.put("stats_model", "odd789");
    Run odd = run("convert", p);
    assertEquals(TrialStatus.FAILED, odd.result().status());
    assertTrue(odd.result().error().contains("stats_model = odd789: it reads examples shaped [2000], but waves's are"
        + " shaped [2160]"), odd.result().error());
    p.putAll(Map.of("stats_model", "spk456", "stats_layers", "9"));
    Run flat = run("convert", p);
    assertTrue(flat.result().error().contains("stats_layers has 9, which is not a convolution or pooling layer of the"
        + " stats_model: 1 framing"), flat.result().error());
    InvalidInputException idle = assertThrows(InvalidInputException.class, () -> InputMethod.convert().resolve(
        Map.of("model", "abc123", "stats_model", "spk456", "stats_weight", 0.0), "t.yaml"));
    assertTrue(idle.getMessage().contains("stats_model = spk456 is another model than model = abc123, but only one of"
        + " content_weight and stats_weight is above 0"), idle.getMessage());
    InvalidInputException texture = assertThrows(InvalidInputException.class, () -> InputMethod.texture().resolve(
        Map.of("model", "abc123", "stats_model", "spk456"), "t.yaml"));
    assertTrue(texture.getMessage().contains("unknown parameter 'stats_model' for method texture"),
        texture.getMessage());
    InputJobConfig defaults = (InputJobConfig) InputMethod.convert().resolve(Map.of("model", "abc123"), "t.yaml")
        .config();
    assertEquals("abc123", defaults.statsModel(), "an empty stats_model is the model");
    assertTrue(!defaults.statsOverTime() && ((InputJobConfig) InputMethod.texture().resolve(Map.of("model", "abc123",
        "stats_over", "time"), "t.yaml").config()).statsOverTime());
    InvalidInputException over = assertThrows(InvalidInputException.class, () -> InputMethod.convert().resolve(
        Map.of("model", "abc123", "stats_over", "frequency"), "t.yaml"));
    assertTrue(over.getMessage().contains("'frequency' is not a valid stats_over: expected one of [positions, time]"),
        over.getMessage());
  }

  /** Judges classify the result, source and target; their picks are the ones the network itself makes. */
  @Test
  void judgesRecordTheirPicksWithTheExamplesLabels() {
    Run c = run("convert", Map.of("steps", 3L, "lr", 0.01, "source", "test:0", "target", "train:class=1",
        "judges", "tone=abc123,again=abc123"));
    assertEquals(TrialStatus.COMPLETED, c.result().status(), c.result().error());
    Judgements j = c.result().judgements();
    assertEquals(java.util.Set.of("again", "again.source", "again.target", "tone", "tone.source", "tone.target"),
        j.classes().keySet());
    assertEquals(0, j.sourceLabel());
    assertEquals(1, j.targetLabel());
    DataSplit data = waves();
    SavedModel saved = SavedModel.of("abc123", MODEL, new int[] {SAMPLES},
        Networks.build(MODEL, data.train(), DataType.DOUBLE, 7));
    Examples source = data.test().select(new int[] {0});
    Examples target = data.train().select(new int[] {1});
    for (String key : List.of("tone.source", "again.source", "tone.target", "again.target")) {
      Examples e = key.endsWith("source") ? source : target;
      int picked = j.classes().get(key);
      Examples asPicked = new Examples(e.features(), new int[] {picked}, e.sampleShape(), 2);
      assertEquals(1.0, saved.network().evaluate(asPicked, 1).accuracy(), key + " is the network's own pick");
      assertTrue(j.probabilities().get(key) >= 0.5 && j.probabilities().get(key) <= 1.0, key);
    }
    assertEquals(j.classes().get("tone"), j.classes().get("again"));
    Judgements none = run("invert", Map.of("steps", 1L, "source", "test:1")).result().judgements();
    assertTrue(none.classes().isEmpty());
    assertEquals(1, none.sourceLabel());
    assertEquals(null, none.targetLabel());
    InvalidInputException twice = assertThrows(InvalidInputException.class,
        () -> InputMethod.invert().resolve(Map.of("model", "abc123", "judges", "a=x,a=y"), "t.yaml"));
    assertTrue(twice.getMessage().contains("the judge a is named twice"), twice.getMessage());
    InvalidInputException bare = assertThrows(InvalidInputException.class,
        () -> InputMethod.invert().resolve(Map.of("model", "abc123", "judges", "abc123"), "t.yaml"));
    assertTrue(bare.getMessage().contains("is not a valid judges"), bare.getMessage());
  }

  @Test
  void selectorsAndLayersThatDoNotFitAreNamed() {
    DataSplit data = waves();
    InvalidInputException past = assertThrows(InvalidInputException.class,
        () -> ExampleSelector.parse("test:7").select(data, "source"));
    assertEquals("source = test:7: waves's test split has 2 examples (indices 0..1)", past.getMessage());
    InvalidInputException none = assertThrows(InvalidInputException.class,
        () -> ExampleSelector.parse("train:class=4").select(data, "target"));
    assertTrue(none.getMessage().contains("has no example of class 4 (classes 0..1)"), none.getMessage());
    assertEquals(2, ExampleSelector.parse("train:class=1").select(data, "target").size());
    Run deep = run("invert", Map.of("steps", 1L, "content_layer", 40L));
    assertEquals(TrialStatus.FAILED, deep.result().status());
    assertTrue(deep.result().error().contains("content_layer = 40 is past the model's 9 layers: 1 framing"),
        deep.result().error());
    InvalidInputException noModel = assertThrows(InvalidInputException.class,
        () -> InputMethod.texture().resolve(Map.of(), "t.yaml: methods[0]"));
    assertTrue(noModel.getMessage().startsWith("t.yaml: methods[0]: model is required"), noModel.getMessage());
    InvalidInputException layers = assertThrows(InvalidInputException.class,
        () -> InputMethod.texture().resolve(Map.of("model", "abc123", "stats_layers", "6;7"), "t.yaml"));
    assertTrue(layers.getMessage().contains("the text '6;7' is not a valid stats_layers"), layers.getMessage());
  }
}
