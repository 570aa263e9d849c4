package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A module's delayed gradient against finite differences: the module forwards a minibatch, its
 * weights then change (the updates of the steps in between), and the backward pass with an error
 * that arrives late must be the gradient of {@code sum(g * out(w, x))} at the stored input x, at the
 * current weights (delayed_weights: current) or at the weights of the forward pass (forward).
 */
class SegmentTest {
  private static final int B = 5;

  @ParameterizedTest
  @CsvSource({"mlp, 1, 3, false", "mlp, 1, 3, true", "mlp, 0, 1, true", "mlp, 0, 2, true", "cnn, 2, 5, false",
      "cnn, 2, 5, true", "cnn, 0, 2, false", "cnn, 0, 3, true"})
  void theDelayedGradientIsTheGradientAtTheStoredInput(String model, int from, int to, boolean forwardWeights) {
    Network net = model.equals("mlp")
        ? Network.mlp(6, java.util.List.of(7, 5, 4), Activation.TANH, 3, DataType.DOUBLE, 11)
        : TestData.smallCnn(DataType.DOUBLE, 11);
    Segment seg = new Segment(net, from, to, 2);
    SplittableRandom rng = new SplittableRandom(3);
    int inWidth = seg.inputWidth();
    DataView x = random(B * inWidth, rng);
    int[] labels = new int[B];
    seg.receive(0, x, labels, B);
    seg.forward(0, B);
    if (forwardWeights) {
      seg.keepWeights(0);
    }
    double[] before = seg.params().toArray();
    DataView p = seg.params();
    for (int i = 0; i < p.length(); i++) {
      p.add(i, 0.05 * rng.nextGaussian());
    }
    double[] after = p.toArray();
    DataView g = random(B * seg.outputWidth(), rng);
    if (forwardWeights) {
      seg.useKeptWeights(0);
    } else {
      seg.forward(0, B);
    }
    seg.backward(0, B, g);
    if (forwardWeights) {
      seg.restoreWeights();
    }
    assertArrayEquals(after, seg.params().toArray(), 0.0, "the current weights are back after the backward pass");
    double[] analytic = seg.gradients().toArray();
    double[] at = forwardWeights ? before : after;
    Segment probe = new Segment(net, from, to, 1);
    double worst = 0;
    double h = 1e-6;
    for (int i = 0; i < at.length; i++) {
      load(p, at);
      p.set(i, at[i] + h);
      double plus = objective(probe, x, g);
      p.set(i, at[i] - h);
      double minus = objective(probe, x, g);
      double numeric = (plus - minus) / (2 * h);
      double err = Math.abs(numeric - analytic[i]);
      if (err > 1e-8) {
        worst = Math.max(worst, err / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i])));
      }
    }
    load(p, after);
    assertTrue(worst < 1e-5, "worst relative error " + worst);
  }

  @Test
  void theErrorSentDownIsTheGradientAtTheInput() {
    Network net = Network.mlp(6, java.util.List.of(7, 5), Activation.SIGMOID, 3, DataType.DOUBLE, 2);
    Segment seg = new Segment(net, 1, 3, 1);
    SplittableRandom rng = new SplittableRandom(4);
    DataView x = random(B * 7, rng);
    int[] labels = {0, 1, 2, 1, 0};
    seg.receive(0, x, labels, B);
    seg.forward(0, B);
    double loss = seg.loss(0, B);
    seg.backward(0, B, null);
    double[] analytic = seg.inputError(0, B).toArray();
    Segment probe = new Segment(net, 1, 3, 1);
    double h = 1e-6;
    for (int i = 0; i < analytic.length; i++) {
      double saved = x.get(i);
      x.set(i, saved + h);
      probe.receive(0, x, labels, B);
      probe.forward(0, B);
      double plus = probe.loss(0, B);
      x.set(i, saved - h);
      probe.receive(0, x, labels, B);
      probe.forward(0, B);
      double minus = probe.loss(0, B);
      x.set(i, saved);
      assertEquals((plus - minus) / (2 * h), analytic[i], 1e-7, "input " + i);
    }
    assertTrue(loss > 0);
    assertTrue(seg.isTop() && seg.sendsError());
  }

  private static double objective(Segment seg, DataView x, DataView g) {
    seg.receive(0, x, new int[B], B);
    seg.forward(0, B);
    DataView out = seg.output(0, B);
    double s = 0;
    for (int i = 0; i < out.length(); i++) {
      s += g.get(i) * out.get(i);
    }
    return s;
  }

  private static void load(DataView p, double[] values) {
    for (int i = 0; i < values.length; i++) {
      p.set(i, values[i]);
    }
  }

  private static DataView random(int n, SplittableRandom rng) {
    DataView v = DataView.of(Nd4j.create(DataType.DOUBLE, n));
    for (int i = 0; i < n; i++) {
      v.set(i, rng.nextGaussian());
    }
    return v;
  }
}
