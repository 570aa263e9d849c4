package dev.backproplab.core.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.nn.InputPass;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.optim.UpdaterSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Inversion and Gram-texture objectives on a small CNN (1x8x8 -> conv 3 -> pool -> conv 4 -> ...):
 * the gradient the optimisation steps on against finite differences of its loss, and the loss falling
 * by the factors the method promises.
 */
class InputOptimizationTest {
  private static final UpdaterSpec SGD1 = new UpdaterSpec(UpdaterSpec.Kind.SGD, 1.0, 0, 0.9, 0.999, 1e-8);

  private static double[] noise(int n, long seed, double scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * rng.nextGaussian();
    }
    return x;
  }

  /** The first and the last loss of {@code steps} steps. */
  private static double[] run(InputOptimization opt, int steps) {
    double first = opt.step();
    double last = first;
    for (int s = 1; s < steps; s++) {
      last = opt.step();
    }
    return new double[] {first, last};
  }

  /**
   * With plain SGD at rate 1 one step moves the input by minus the gradient: compare it with central differences,
   * Gram matrices over every position and over time (rows) alone.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theStepFollowsTheObjectivesGradient(boolean overTime) {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    InputObjective o = new InputObjective(2, 0.7, List.of(1, 3), 0.3, overTime);
    double[] target = noise(64, 1, 1.0);
    assertGradientMatches(List.of(new InputOptimization.Term(net, o, target, List.of(target))), noise(64, 2, 1.0));
  }

  /**
   * Content on one network and statistics on another (voice conversion with a word and a speaker network): the
   * step follows the gradient of the summed loss, and each network contributes to it.
   */
  @Test
  void theStepFollowsTheGradientOfTwoNetworksLosses() {
    Network words = TestData.smallCnn(DataType.DOUBLE, 5);
    Network speakers = TestData.smallCnn(DataType.DOUBLE, 9);
    double[] source = noise(64, 1, 1.0);
    List<double[]> voice = List.of(noise(64, 7, 1.0), noise(64, 8, 0.5));
    InputOptimization.Term content = new InputOptimization.Term(words,
        new InputObjective(3, 0.7, List.of(), 0, false), source, List.of());
    InputOptimization.Term stats = new InputOptimization.Term(speakers,
        new InputObjective(0, 0, List.of(1, 3), 0.3, true), null, voice);
    double[] x = noise(64, 2, 1.0);
    assertGradientMatches(List.of(content, stats), x);
    double both = new InputOptimization(List.of(content, stats), x, SGD1).step();
    double first = new InputOptimization(List.of(content), x, SGD1).step();
    double second = new InputOptimization(List.of(stats), x, SGD1).step();
    assertEquals(first + second, both, 1e-12 * both, "the loss is the sum of the two networks' terms");
    assertTrue(first > 1e-3 && second > 1e-3, "both terms count: " + first + ", " + second);
  }

  /** The first SGD step (rate 1) of {@code terms} from {@code x} moves by minus central differences of their loss. */
  private static void assertGradientMatches(List<InputOptimization.Term> terms, double[] x) {
    InputOptimization opt = new InputOptimization(terms, x, SGD1);
    opt.step();
    double[] after = opt.input();
    double worst = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      double analytic = x[i] - after[i];
      double[] p = x.clone();
      p[i] += 1e-6;
      double[] m = x.clone();
      m[i] -= 1e-6;
      double numeric = (new InputOptimization(terms, p, SGD1).step()
          - new InputOptimization(terms, m, SGD1).step()) / 2e-6;
      if (Math.abs(numeric - analytic) > 1e-8) {
        worst = Math.max(worst, Math.abs(numeric - analytic) / (Math.abs(numeric) + Math.abs(analytic)));
      }
      norm += Math.abs(analytic);
    }
    assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    assertTrue(norm > 1e-3, "gradient norm " + norm);
  }

  /** Over time, the Gram matrix of a [C, H, W] map is over its H rows, with C W features: computed here by hand. */
  @Test
  void aGramOverTimeTakesEachChannelAtEachColumnAsAFeature() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    double[] target = noise(64, 1, 1.0);
    double[] x = noise(64, 2, 1.0);
    double[][] g = new double[2][];
    int c = 3;
    int h = 8;
    int w = 8;
    for (int k = 0; k < 2; k++) {
      InputPass pass = net.inputPass(1);
      double[] in = k == 0 ? target : x;
      for (int i = 0; i < in.length; i++) {
        pass.input().putScalar(i, in[i]);
      }
      pass.forward(1);
      double[] a = pass.activations(1).toDoubleVector();
      g[k] = new double[c * w * c * w];
      for (int i = 0; i < c * w; i++) {
        for (int j = 0; j < c * w; j++) {
          double sum = 0;
          for (int t = 0; t < h; t++) {
            sum += a[(i / w) * h * w + t * w + i % w] * a[(j / w) * h * w + t * w + j % w];
          }
          g[k][i * c * w + j] = sum / h;
        }
      }
    }
    double expected = 0;
    for (int i = 0; i < g[0].length; i++) {
      expected += (g[1][i] - g[0][i]) * (g[1][i] - g[0][i]);
    }
    double loss = new InputOptimization(net, new InputObjective(0, 0, List.of(1), 1.0, true), target, x, SGD1).step();
    assertEquals(expected, loss, 1e-9 * expected);
    double positions = new InputOptimization(net, InputObjective.texture(List.of(1)), target, x, SGD1).step();
    assertTrue(Math.abs(positions - loss) > 1e-6 * loss, "over every position it is another statistic");
  }

  /** A scaled step of Adam moves the input by the scale times the full step (a learning-rate schedule). */
  @Test
  void aScaledStepMovesThatFractionOfTheUpdatersStep() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    UpdaterSpec adam = new UpdaterSpec(UpdaterSpec.Kind.ADAM, 0.01, 0, 0.9, 0.999, 1e-8);
    double[] target = noise(64, 1, 1.0);
    double[] x = noise(64, 2, 1.0);
    InputOptimization full = new InputOptimization(net, InputObjective.inversion(2), target, x, adam);
    InputOptimization quarter = new InputOptimization(net, InputObjective.inversion(2), target, x, adam);
    assertEquals(full.step(), quarter.step(0.25), 0.0, "the same loss before the step");
    double[] a = full.input();
    double[] b = quarter.input();
    for (int i = 0; i < x.length; i++) {
      assertEquals(0.25 * (a[i] - x[i]), b[i] - x[i], 1e-12);
    }
    assertThrows(IllegalArgumentException.class, () -> quarter.step(0));
  }

  @Test
  void inversionFromNoiseCutsTheFeatureLossAHundredfold() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    InputOptimization opt = new InputOptimization(net, InputObjective.inversion(2), noise(64, 3, 1.0),
        noise(64, 4, 0.1), new UpdaterSpec(UpdaterSpec.Kind.ADAM, 0.05, 0, 0.9, 0.999, 1e-8));
    double[] loss = run(opt, 300);
    assertTrue(loss[1] < loss[0] / 100, "feature loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void textureSynthesisCutsTheGramLossTenfold() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    InputOptimization opt = new InputOptimization(net, InputObjective.texture(List.of(1, 3)), noise(64, 5, 1.0),
        noise(64, 6, 0.1), new UpdaterSpec(UpdaterSpec.Kind.ADAM, 0.05, 0, 0.9, 0.999, 1e-8));
    double[] loss = run(opt, 300);
    assertTrue(loss[1] < loss[0] / 10, "Gram loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void aGramLevelMustHaveChannels() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputOptimization(net,
        InputObjective.texture(List.of(5)), new double[64], new double[64], SGD1));
    assertTrue(e.getMessage().contains("not the output of a convolution or pooling"), e.getMessage());
  }
}
