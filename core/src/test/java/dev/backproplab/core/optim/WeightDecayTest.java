package dev.backproplab.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.nn.DataView;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weight decay around the step rules: what one step does to the weights, per rule. */
class WeightDecayTest {
  private static final double LR = 0.1;
  private static final double WD = 0.05;
  private static final int N = 37;

  /** On a zero gradient, plain SGD and Adam (decoupled) shrink every weight by exactly (1 - lr wd). */
  @ParameterizedTest
  @EnumSource(value = UpdaterSpec.Kind.class, names = {"SGD", "MOMENTUM", "ADAM"})
  void aZeroGradientStepShrinksTheWeightsByOneMinusLrWd(UpdaterSpec.Kind kind) {
    INDArray params = random(1);
    double[] before = DataView.of(params).toArray();
    Updater updater = Updater.create(spec(kind, WD), params);
    updater.apply(DataView.of(params), DataView.of(Nd4j.zeros(DataType.DOUBLE, 1, N)));
    double[] after = DataView.of(params).toArray();
    for (int i = 0; i < N; i++) {
      assertEquals(before[i] * (1 - LR * WD), after[i], 1e-15, "weight " + i);
    }
  }

  /** Without decay a zero-gradient step leaves the weights alone, so the shrink above is the decay's. */
  @ParameterizedTest
  @EnumSource(UpdaterSpec.Kind.class)
  void noDecayLeavesWeightsAloneOnAZeroGradient(UpdaterSpec.Kind kind) {
    INDArray params = random(2);
    double[] before = DataView.of(params).toArray();
    Updater.create(spec(kind, 0), params).apply(DataView.of(params), DataView.of(Nd4j.zeros(DataType.DOUBLE, 1, N)));
    assertArrayEquals(before, DataView.of(params).toArray(), 0.0);
  }

  /**
   * For momentum and Nesterov the decay is an L2 term of the gradient: three steps with decay are three
   * steps without it on {@code g + wd p}; the network's gradient buffer is left as the rule assigned it.
   */
  @ParameterizedTest
  @EnumSource(value = UpdaterSpec.Kind.class, names = {"SGD", "MOMENTUM", "NESTEROV"})
  void decayIsAnL2TermOfTheGradient(UpdaterSpec.Kind kind) {
    INDArray decayed = random(3);
    INDArray reference = decayed.dup();
    Updater withDecay = Updater.create(spec(kind, WD), decayed);
    Updater plain = Updater.create(spec(kind, 0), reference);
    for (int step = 0; step < 3; step++) {
      INDArray g = random(10 + step);
      double[] gBefore = DataView.of(g).toArray();
      withDecay.apply(DataView.of(decayed), DataView.of(g));
      assertArrayEquals(gBefore, DataView.of(g).toArray(), 0.0, "the gradient buffer is not modified");
      plain.apply(DataView.of(reference), DataView.of(g.add(reference.mul(WD))));
    }
    assertArrayEquals(DataView.of(reference).toArray(), DataView.of(decayed).toArray(), 1e-15);
  }

  /** Adam's decay is not an L2 gradient term: on a zero gradient an L2 term would move each weight by ~lr. */
  @Test
  void adamDecayIsDecoupledFromTheMoments() {
    INDArray decoupled = random(4);
    INDArray l2 = decoupled.dup();
    Updater.create(spec(UpdaterSpec.Kind.ADAM, WD), decoupled)
        .apply(DataView.of(decoupled), DataView.of(Nd4j.zeros(DataType.DOUBLE, 1, N)));
    Updater.create(spec(UpdaterSpec.Kind.ADAM, 0), l2).apply(DataView.of(l2), DataView.of(l2.mul(WD)));
    double[] before = DataView.of(random(4)).toArray();
    for (int i = 0; i < N; i++) {
      assertEquals(before[i] - LR * Math.signum(before[i]), DataView.of(l2).get(i), 1e-3, "L2 in Adam: a sign step");
      assertEquals(before[i] * (1 - LR * WD), DataView.of(decoupled).get(i), 1e-15);
    }
  }

  @Test
  void aNegativeDecayIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec(UpdaterSpec.Kind.SGD, -0.1));
    assertEquals("weight_decay must be >= 0, got -0.1", e.getMessage());
  }

  private static UpdaterSpec spec(UpdaterSpec.Kind kind, double wd) {
    return new UpdaterSpec(kind, LR, 0.9, 0.9, 0.999, 1e-8, wd);
  }

  private static INDArray random(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = rng.nextGaussian();
    }
    return Nd4j.create(v, new long[] {1, N}, DataType.DOUBLE);
  }
}
