package dev.backproplab.jobs.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.invert.InputObjective;
import dev.backproplab.core.invert.InputOptimization;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.datasets.DatasetLoader;
import dev.backproplab.datasets.registry.DataEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The inversion experiment on real speech (slow; run with -Pall and BPL_DATA_DIR): train the word
 * classifier of conf/sweeps/espeak-words.yaml by bp, keep its network, then from low-level noise
 * optimise a waveform until its activations after the last pooling layer match those of a word
 * spoken by a held-out speaker, and ask the classifier what the inversion says. Prints the figures.
 */
@Tag("slow")
class WordInversionTest {
  private static final int PER_WORD = 2;
  private static final int STEPS = 1000;

  @Test
  void inversionsOfHeldOutSpeakersWordsMatchTheirFeaturesAndSayTheWord() {
    assumeTrue(DataEnvironment.fromSystem().dataDir().isPresent(), "BPL_DATA_DIR not set: skipping");
    DataSplit data = DatasetLoader.standard().load("espeak-words");
    ModelSpec model = new ModelSpec("cnn", List.of(64), "relu",
        List.of(new ModelSpec.ConvSpec(8, 3, 1, 1), new ModelSpec.ConvSpec(16, 3, 1, 1)), 2, "logmel", "flatten", null);
    Method.Resolved bp = MethodCatalogue.CORE.get("bp").resolve(
        Map.of("optimizer", "adam", "lr", 0.003, "batch_size", 16L), "test");
    TrialSpec spec = new TrialSpec("inversion", "words", "espeak-words", model, bp.params(), bp.config(),
        new Budget(20, null, null), 11);
    List<SavedModel> kept = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, data, p -> { }, Double.POSITIVE_INFINITY, null, kept::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    Network net = kept.get(0).network();
    int level = 10; // after framing, dft, power, mel, log, conv, pool, conv, pool, flatten: the second pooling, flat
    Examples test = data.test();
    int d = test.numFeatures();
    int[] taken = new int[test.numClasses()];
    int inverted = 0;
    int saidTheWord = 0;
    double worstRatio = Double.POSITIVE_INFINITY;
    double medianSum = 0;
    long started = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < test.size(); i++) {
      int word = test.labels()[i];
      if (taken[word] == PER_WORD) {
        continue;
      }
      taken[word]++;
      double[] target = new double[d];
      double[] noise = new double[d];
      for (int s = 0; s < d; s++) {
        target[s] = test.features()[i * d + s];
        noise[s] = 1e-3 * rng.nextGaussian();
      }
      InputOptimization opt = new InputOptimization(net, InputObjective.inversion(level), target, noise,
          new UpdaterSpec(UpdaterSpec.Kind.ADAM, 2e-3, 0, 0.9, 0.999, 1e-8));
      double first = opt.step();
      double last = first;
      for (int s = 1; s < STEPS; s++) {
        last = opt.step();
      }
      worstRatio = Math.min(worstRatio, first / last);
      medianSum += first / last;
      double[] x = opt.input();
      float[] xf = new float[d];
      for (int s = 0; s < d; s++) {
        xf[s] = (float) x[s];
      }
      Examples one = new Examples(xf, new int[] {word}, test.sampleShape(), test.numClasses());
      saidTheWord += net.evaluate(one, 1).accuracy() == 1.0 ? 1 : 0;
      inverted++;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("word classifier test accuracy %.4f; %d inversions at level %d, %d Adam steps each: "
            + "feature loss cut %.0fx at worst, %.0fx on average; classified as the target word %d/%d; "
            + "%.1f s per 100 steps on a one-second clip%n",
        r.finalTestAccuracy(), inverted, level, STEPS, worstRatio, medianSum / inverted, saidTheWord, inverted,
        seconds / inverted / STEPS * 100);
    assertTrue(worstRatio > 1, "the feature loss fell: " + worstRatio);
  }
}
