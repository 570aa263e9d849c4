package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cnn with {@code frontend: logmel}: its layers, what it refuses, and that bp trains it on tones. */
class LogMelModelTest {
  private static final ModelSpec MODEL = new ModelSpec("cnn", List.of(), "relu",
      List.of(new ModelSpec.ConvSpec(4, 3, 1, 1)), 2, "logmel", "flatten", null);

  /** Clips of 0.2 s at 16 kHz: class c is a tone of 300 (c + 1) Hz at a random phase and level, in noise. */
  private static Examples tones(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int samples = 3_200;
    float[] x = new float[n * samples];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      double phase = rng.nextDouble(2 * Math.PI);
      double level = 0.05 + 0.3 * rng.nextDouble();
      for (int s = 0; s < samples; s++) {
        x[i * samples + s] = (float) (level * Math.sin(2 * Math.PI * 300 * (y[i] + 1) * s / 16_000.0 + phase)
            + 0.02 * rng.nextGaussian());
      }
    }
    return new Examples(x, y, new int[] {samples}, 3);
  }

  @Test
  void theFrontEndComesFirstAndTheConvolutionsSeeTimeByMel() {
    List<Layer> layers = Networks.layers(MODEL, tones(2, 1));
    List<String> names = new ArrayList<>();
    for (Layer l : layers) {
      names.add(l.describe().replaceAll("\\(.*", ""));
    }
    assertEquals(List.of("framing", "dft", "power", "mel", "log", "conv2d", "maxpool", "flatten", "dense"), names);
    assertEquals("conv2d(1x18x40->4x18x40,k3,s1,p1,relu)", layers.get(5).describe());
    assertEquals("logmel+cnn[c4k3s1p1]p2[]/relu", MODEL.describe());
  }

  @Test
  void theStatisticsHeadTakesTheFlattensPlaceAndPoolsOverTime() {
    ModelSpec stats = new ModelSpec("cnn", List.of(), "relu", MODEL.conv(), 2, "logmel", "stats", null);
    List<Layer> layers = Networks.layers(stats, tones(2, 1));
    assertEquals("statspool(4x9x20->160)", layers.get(7).describe());
    assertEquals(160, layers.get(8).inputSize());
    assertEquals("logmel+cnn[c4k3s1p1]p2+stats[]/relu", stats.describe());
    InvalidInputException mlp = assertThrows(InvalidInputException.class,
        () -> new ModelSpec("mlp", List.of(8), "relu", List.of(), 0, "none", "stats", null));
    assertTrue(mlp.getMessage().contains("head stats"), mlp.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> new ModelSpec("cnn", List.of(8), "relu", MODEL.conv(), 2, "none", "attention", null));
    assertTrue(unknown.getMessage().contains("[flatten, stats]"), unknown.getMessage());
  }

  @Test
  void aFrontEndNeedsWaveformsAndConvolutions() {
    InvalidInputException images = assertThrows(InvalidInputException.class,
        () -> Networks.layers(MODEL, TestData.images(2, 1)));
    assertTrue(images.getMessage().contains("needs waveforms"), images.getMessage());
    assertThrows(InvalidInputException.class, () -> new ModelSpec("mlp", List.of(8), "relu", List.of(), 0, "logmel", "flatten", null));
    assertThrows(InvalidInputException.class, () -> new ModelSpec("cnn", List.of(8), "relu",
        List.of(new ModelSpec.ConvSpec(4, 3, 1, 1)), 2, "mfcc", "flatten", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flatten", "stats"})
  void bpTrainsALogMelCnnOnTones(String head) {
    DataSplit data = new DataSplit("tones", tones(120, 2), tones(60, 3), "sha-of-tones");
    ModelSpec model = new ModelSpec("cnn", List.of(), "relu", MODEL.conv(), 2, "logmel", head, null);
    TrialSpec spec = Trials.spec("bp", Map.of("optimizer", "adam", "lr", 0.01, "batch_size", 16L), model,
        new Budget(6, null, null), 5);
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, data, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    CurvePoint last = curve.get(curve.size() - 1);
    assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
  }
}
