package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.data.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite differences against the engine's gradients with respect to the input, in double precision,
 * for every layer type: the classification loss through {@link TrainingStep#inputError()}, and
 * losses on hidden activations through {@link InputPass}.
 */
class InputGradientCheckTest {

  @Test
  void classificationLossInputErrorMatchesFiniteDifferencesOnAnMlp() {
    Network net = Network.mlp(6, List.of(5, 4), Activation.TANH, 3, DataType.DOUBLE, 3);
    checkInputError(net, TestData.gaussian(4, 6, 3, 8));
  }

  @Test
  void classificationLossInputErrorMatchesFiniteDifferencesOnACnn() {
    checkInputError(TestData.smallCnn(DataType.DOUBLE, 5), TestData.images(3, 21));
  }

  /** A pooling layer below the first convolution: the error is carried through it to the input. */
  @Test
  void theInputErrorCrossesParameterFreeLayersBelowTheFirstWeights() {
    ImageShape in = new ImageShape(2, 6, 6);
    MaxPool2dLayer p = new MaxPool2dLayer(in, 2, 1);
    Conv2dLayer c = new Conv2dLayer(p.outputShape(), 3, 3, 2, 1, Activation.SIGMOID);
    FlattenLayer f = new FlattenLayer(c.outputShape());
    Network net = Network.of(List.of(p, c, f, new DenseLayer(f.outputSize(), 3, Activation.IDENTITY)),
        DataType.DOUBLE, 17);
    Examples flat = TestData.gaussian(3, 72, 3, 12);
    checkInputError(net, new Examples(flat.features(), flat.labels(), new int[] {2, 6, 6}, 3));
  }

  /** Statistics pooling over time: the classification loss and a loss on the pooled statistics themselves. */
  @Test
  void theInputErrorCrossesStatisticsPooling() {
    ImageShape in = new ImageShape(1, 8, 4);
    Conv2dLayer c = new Conv2dLayer(in, 2, 3, 1, 1, Activation.SIGMOID);
    StatsPoolLayer s = new StatsPoolLayer(c.outputShape());
    Network net = Network.of(List.of(c, s, new DenseLayer(s.outputSize(), 3, Activation.IDENTITY)),
        DataType.DOUBLE, 23);
    Examples flat = TestData.gaussian(3, 32, 3, 14);
    checkInputError(net, new Examples(flat.features(), flat.labels(), new int[] {1, 8, 4}, 3));
    Network pooledOnly = Network.of(List.of(new StatsPoolLayer(in), new DenseLayer(8, 3, Activation.IDENTITY)),
        DataType.DOUBLE, 29);
    checkHiddenLoss(pooledOnly, 2, new int[] {1}, 47);
  }

  @Test
  void askingForTheInputErrorLeavesTheParameterGradientsAlone() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 5);
    Examples data = TestData.images(4, 2);
    TrainingStep step = net.trainStep(data, null, 0, data.size(), new Backprop());
    double[] before = DataView.of(net.gradients()).toArray();
    step.inputError();
    assertArrayEquals(before, DataView.of(net.gradients()).toArray(), 0.0);
  }

  @Test
  void lossesOnHiddenLevelsMatchFiniteDifferencesOnAnMlp() {
    for (Activation a : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU}) {
      Network net = Network.mlp(5, List.of(6, 4), a, 3, DataType.DOUBLE, 7);
      checkHiddenLoss(net, 3, new int[] {1, 3}, 31);
    }
  }

  @Test
  void lossesOnHiddenLevelsMatchFiniteDifferencesOnACnn() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 9);
    checkHiddenLoss(net, 2, new int[] {1, 2, 3, 6}, 41);
    checkHiddenLoss(net, 2, new int[] {0, 4}, 43);
  }

  @Test
  void aLevelNotComputedIsRefused() {
    InputPass pass = TestData.smallCnn(DataType.DOUBLE, 9).inputPass(2);
    pass.forward(2);
    assertThrows(IllegalStateException.class, () -> pass.activations(3));
    assertThrows(IllegalArgumentException.class, () -> pass.forward(7));
    assertThrows(IllegalArgumentException.class, () -> pass.backward(new INDArray[3]));
  }

  /**
   * The input error of the batch-mean cross-entropy against central differences of the loss over
   * each input: the float features are moved by about 1e-3 and the difference is divided by the
   * step the float actually took.
   */
  private static void checkInputError(Network net, Examples data) {
    TrainingStep step = net.trainStep(data, null, 0, data.size(), new Backprop());
    double[] analytic = DataView.of(step.inputError()).toArray();
    float[] x = data.features();
    double worst = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      float plus = (float) (saved + 1e-3);
      float minus = (float) (saved - 1e-3);
      x[i] = plus;
      double lp = net.evaluate(data, data.size()).loss();
      x[i] = minus;
      double lm = net.evaluate(data, data.size()).loss();
      x[i] = saved;
      double numeric = (lp - lm) / ((double) plus - (double) minus);
      worst = Math.max(worst, relativeError(numeric, analytic[i]));
      norm += Math.abs(analytic[i]);
    }
    assertTrue(worst < 1e-4, "worst relative input-gradient error " + worst);
    assertTrue(norm > 1e-4, "the input gradient is not zero: " + norm);
  }

  /** Asserts that the input gradient of a loss on {@code levels} matches finite differences. */
  static void checkHiddenLoss(Network net, int batch, int[] levels, long seed) {
    GradientChecks.Result r = GradientChecks.checkInput(net, batch, levels, seed);
    assertTrue(r.worstRelativeError() < 1e-5, "worst relative input-gradient error " + r.worstRelativeError()
        + " at levels " + java.util.Arrays.toString(levels));
    double norm = 0;
    for (double v : r.analytic()) {
      norm += Math.abs(v);
    }
    assertTrue(norm > 1e-4, "the input gradient is not zero: " + norm);
  }

  private static double relativeError(double numeric, double analytic) {
    return Math.abs(numeric - analytic) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
  }
}
