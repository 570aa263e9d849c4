package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Finite differences against backprop's gradient for convolution (stride, padding) and max-pooling,
 * in double precision, every parameter of a small CNN; and the layers' output shapes.
 */
class ConvGradientCheckTest {

  static Network smallCnn(DataType type, long seed) {
    return TestData.smallCnn(type, seed);
  }

  static Examples images(int n, long seed) {
    return TestData.images(n, seed);
  }

  @Test
  void shapesFollowKernelStrideAndPadding() {
    Network net = smallCnn(DataType.DOUBLE, 1);
    assertEquals(3 * 8 * 8, net.width(0));
    assertEquals(3 * 4 * 4, net.width(1));
    assertEquals(4 * 2 * 2, net.width(2));
    assertEquals(new ImageShape(6, 24, 24), new Conv2dLayer(new ImageShape(1, 28, 28), 6, 5, 1, 0,
        Activation.RELU).outputShape());
    assertEquals(new ImageShape(6, 14, 14), new Conv2dLayer(new ImageShape(1, 28, 28), 6, 5, 2, 2,
        Activation.RELU).outputShape());
    assertEquals(3 * 1 * 9 + 3 + 4 * 3 * 9 + 4 + 16 * 5 + 5 + 5 * 3 + 3, net.numParams());
  }

  @Test
  void convolutionAndPoolingGradientsMatchFiniteDifferences() {
    check(smallCnn(DataType.DOUBLE, 5));
  }

  /** A stride-2 convolution below a stride-1 one, so the stride-1 input error is checked too. */
  @Test
  void aStrideOneConvolutionAboveAnotherPassesTheRightError() {
    ImageShape in = new ImageShape(2, 7, 7);
    Conv2dLayer c1 = new Conv2dLayer(in, 3, 3, 2, 1, Activation.TANH);
    Conv2dLayer c2 = new Conv2dLayer(c1.outputShape(), 2, 3, 1, 1, Activation.SIGMOID);
    MaxPool2dLayer p = new MaxPool2dLayer(c2.outputShape(), 2, 1);
    FlattenLayer f = new FlattenLayer(p.outputShape());
    Network net = Network.of(List.of(c1, c2, p, f, new DenseLayer(f.outputSize(), 3, Activation.IDENTITY)),
        DataType.DOUBLE, 9);
    Examples flat = TestData.gaussian(5, 98, 3, 4);
    check(net, new Examples(flat.features(), flat.labels(), new int[] {2, 7, 7}, 3));
  }

  /**
   * Strided convolutions above another layer, so their input error (the full convolution of the
   * dilated error) reaches the layer below, with 0, 1 and 2 input rows the windows never reach.
   */
  @ParameterizedTest
  @CsvSource({"2, 1, 8", "2, 0, 9", "3, 1, 10", "3, 0, 8"})
  void stridedConvolutionsPassTheRightErrorDown(int stride, int padding, int size) {
    ImageShape in = new ImageShape(2, size, size);
    Conv2dLayer c1 = new Conv2dLayer(in, 3, 3, 1, 1, Activation.TANH);
    Conv2dLayer c2 = new Conv2dLayer(c1.outputShape(), 2, 3, stride, padding, Activation.SIGMOID);
    FlattenLayer f = new FlattenLayer(c2.outputShape());
    Network net = Network.of(List.of(c1, c2, f, new DenseLayer(f.outputSize(), 3, Activation.IDENTITY)),
        DataType.DOUBLE, 13);
    Examples flat = TestData.gaussian(5, 2 * size * size, 3, 6);
    check(net, new Examples(flat.features(), flat.labels(), new int[] {2, size, size}, 3));
  }

  /** Statistics pooling over time between a convolution and the dense layers: its error reaches the kernel. */
  @Test
  void statisticsPoolingPassesTheRightErrorDown() {
    ImageShape in = new ImageShape(2, 7, 5);
    Conv2dLayer c = new Conv2dLayer(in, 3, 3, 1, 1, Activation.TANH);
    StatsPoolLayer s = new StatsPoolLayer(c.outputShape());
    Network net = Network.of(List.of(c, s, new DenseLayer(s.outputSize(), 4, Activation.TANH),
        new DenseLayer(4, 3, Activation.IDENTITY)), DataType.DOUBLE, 19);
    Examples flat = TestData.gaussian(5, 70, 3, 8);
    check(net, new Examples(flat.features(), flat.labels(), new int[] {2, 7, 5}, 3));
  }

  private static void check(Network net) {
    check(net, images(6, 21));
  }

  private static void check(Network net, Examples data) {
    GradientChecks.Result r = GradientChecks.check(net, data);
    double[] analytic = r.analytic();
    double worst = r.worstRelativeError();
    int checked = r.checked();
    assertEquals(net.numParams(), checked);
    assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    double convNorm = 0;
    for (int i = 0; i < (int) net.paramOffset(1); i++) {
      convNorm += Math.abs(analytic[i]);
    }
    assertTrue(convNorm > 1e-4, "the first convolution's gradient is not zero: " + convNorm);
  }
}
