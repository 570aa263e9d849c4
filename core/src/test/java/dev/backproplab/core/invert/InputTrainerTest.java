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

  private static Run run(String method, Map<String, Object> params) {
    DataSplit data = waves();
    SavedModel saved = SavedModel.of("abc123", MODEL, new int[] {SAMPLES},
        Networks.build(MODEL, data.train(), DataType.DOUBLE, 7));
    Map<String, Object> given = new HashMap<>(params);
    given.put("model", "abc123");
    Method.Resolved r = InputMethod.class.cast(switch (method) {
      case "invert" -> InputMethod.invert();
      case "texture" -> InputMethod.texture();
      default -> InputMethod.convert();
    }).resolve(given, "t.yaml");
    InputJobConfig config = (InputJobConfig) r.config();
    TrialSpec spec = new TrialSpec("s", "t1", "waves", MODEL, r.params(), config, new Budget(null, null, 600.0), 11);
    Map<String, byte[]> files = new HashMap<>();
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult result = new TrialRunner().run(spec, data, config.trainer(id -> saved, files::put), curve::add,
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
