package dev.backproplab.core.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.optim.UpdaterSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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

  private static double lossAt(Network net, InputObjective o, double[] target, double[] x) {
    return new InputOptimization(net, o, target, x, SGD1).step();
  }

  /** With plain SGD at rate 1 one step moves the input by minus the gradient: compare it with central differences. */
  @Test
  void theStepFollowsTheObjectivesGradient() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    InputObjective o = new InputObjective(2, 0.7, List.of(1, 3), 0.3);
    double[] target = noise(64, 1, 1.0);
    double[] x = noise(64, 2, 1.0);
    InputOptimization opt = new InputOptimization(net, o, target, x, SGD1);
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
      double numeric = (lossAt(net, o, target, p) - lossAt(net, o, target, m)) / 2e-6;
      if (Math.abs(numeric - analytic) > 1e-8) {
        worst = Math.max(worst, Math.abs(numeric - analytic) / (Math.abs(numeric) + Math.abs(analytic)));
      }
      norm += Math.abs(analytic);
    }
    assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    assertTrue(norm > 1e-3, "gradient norm " + norm);
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
