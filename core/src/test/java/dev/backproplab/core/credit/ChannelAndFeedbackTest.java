package dev.backproplab.core.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.DenseLayer;
import dev.backproplab.core.nn.FlattenLayer;
import dev.backproplab.core.nn.ImageShape;
import dev.backproplab.core.nn.MaxPool2dLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.TestData;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The learning channel (what is quantised, with or without f') and the feedback the rules draw
 * (density per receiving unit, scale, copies).
 */
class ChannelAndFeedbackTest {
  private static final Examples IMAGES = TestData.images(32, 3);

  /** conv (identity, so its delta is the error that reached it) -> pool 2 -> conv -> flatten -> 3. */
  private static Network cnn() {
    ImageShape in = new ImageShape(1, 8, 8);
    Conv2dLayer c1 = new Conv2dLayer(in, 3, 3, 1, 1, Activation.IDENTITY);
    MaxPool2dLayer p1 = new MaxPool2dLayer(c1.outputShape(), 2, 2);
    Conv2dLayer c2 = new Conv2dLayer(p1.outputShape(), 4, 3, 1, 1, Activation.TANH);
    FlattenLayer f = new FlattenLayer(c2.outputShape());
    return Network.of(List.of(c1, p1, c2, f, new DenseLayer(64, 3, Activation.IDENTITY)), DataType.DOUBLE, 9);
  }

  private static TreeSet<Double> magnitudes(INDArray a) {
    TreeSet<Double> s = new TreeSet<>();
    for (double v : DataView.of(a).toArray()) {
      if (v != 0) {
        s.add(Math.abs(v));
      }
    }
    return s;
  }

  @Test
  void aOneBitChannelRoundsWhatCrossesAWeightLayerOnceNotAgainAfterPooling() {
    Network net = cnn();
    TrainingStep step = net.trainStep(IMAGES, null, 0, IMAGES.size(), new QuantizedErrors(new Backprop(), 1));
    // the error at the pool's output crossed c2's weights: one bit, one magnitude m
    TreeSet<Double> sent = magnitudes(step.delta(1));
    assertEquals(1, sent.size(), "one magnitude after the channel: " + sent);
    // max-pool's backward routes it to one input of each window: still m, not m times the share of non-zeros
    TreeSet<Double> routed = magnitudes(step.delta(0));
    assertEquals(sent, routed, "pooling passes the rounded error on unchanged");
  }

  @Test
  void directFeedbackQuantisesEachLayersProjection() {
    Network net = cnn();
    DirectFeedbackAlignment dfa = DirectFeedbackAlignment.random(net, new SplittableRandom(2), 1);
    TrainingStep step = net.trainStep(IMAGES, null, 0, IMAGES.size(), new QuantizedErrors(dfa, 1));
    assertEquals(1, magnitudes(step.delta(0)).size(), "c1 receives e D_0 at one bit");
    assertTrue(dfa.crossesChannel(net, 0) && !dfa.crossesChannel(net, 1), "the pool gets no projection");
  }

  @Test
  void stochasticRoundingIsUnbiasedAndLandsOnLevels() {
    int n = 20000;
    double[] x = new double[n];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    x[0] = 1.0;
    for (int bits : new int[] {1, 3}) {
      INDArray a = org.nd4j.linalg.factory.Nd4j.create(x.clone());
      Quantizer.quantize(DataView.of(a), bits, Quantizer.Rounding.STOCHASTIC, new SplittableRandom(7));
      double[] q = DataView.of(a).toArray();
      double levels = (1L << (bits - 1)) - 1;
      double bias = 0;
      for (int i = 0; i < n; i++) {
        double k = bits == 1 ? q[i] : q[i] * levels;
        assertEquals(Math.rint(k), k, 1e-9, "level of " + q[i]);
        bias += q[i] - x[i];
      }
      assertEquals(0, bias / n, 0.01, bits + " bits: mean rounding error");
    }
  }

  @Test
  void withoutTheDerivativeTheDeltaIsTheDeliveredError() {
    Network net = Network.mlp(6, List.of(7, 5), Activation.TANH, 3, DataType.DOUBLE, 13);
    Examples data = TestData.gaussian(16, 6, 3, 5);
    FeedbackAlignment fa = FeedbackAlignment.random(net, new SplittableRandom(4), 1, 1);
    // the top hidden layer (1) gets e B_2^T in both runs: the forward pass and e are the same
    TrainingStep step = net.trainStep(data, null, 0, data.size(), fa);
    double[] with = DataView.of(step.delta(1)).toArray();
    double[] a = DataView.of(step.activations(2)).toArray();
    step = net.trainStep(data, null, 0, data.size(), new WithoutDerivative(fa));
    double[] without = DataView.of(step.delta(1)).toArray();
    for (int i = 0; i < with.length; i++) {
      assertEquals(with[i], without[i] * (1 - a[i] * a[i]), 1e-12, "entry " + i);
    }
    assertNotEquals(with[0], without[0]);
  }

  @Test
  void sparseFeedbackGivesEveryReceivingUnitTheSameNumberOfEntries() {
    Network mlp = Network.mlp(6, List.of(40, 30), Activation.TANH, 10, DataType.DOUBLE, 13);
    FeedbackAlignment sparse = FeedbackAlignment.random(mlp, new SplittableRandom(4), 1, 0.04);
    INDArray b = sparse.feedback(2); // [30, 10]: each of the 30 top hidden units receives from 10 classes
    double sumSq = 0;
    int nonZero = 0;
    for (int i = 0; i < 30; i++) {
      int k = 0;
      for (int j = 0; j < 10; j++) {
        double v = b.getDouble(i, j);
        k += v != 0 ? 1 : 0;
        sumSq += v * v;
      }
      assertEquals(1, k, "unit " + i + ": round(0.04 * 10) = 0 -> at least one entry");
      nonZero += k;
    }
    // kept entries scaled by 1/sqrt(kept share): the mean square over all entries is the dense one
    double dense = mlp.layer(2).initStd();
    assertEquals(dense * dense, sumSq / 300, 0.5 * dense * dense);
    assertEquals(30, nonZero);
    INDArray b1 = sparse.feedback(1); // [40, 30]: round(0.04 * 30) = 1 per unit
    for (int i = 0; i < 40; i++) {
      int k = 0;
      for (int j = 0; j < 30; j++) {
        k += b1.getDouble(i, j) != 0 ? 1 : 0;
      }
      assertEquals(1, k, "unit " + i);
    }
    Network conv = cnn();
    INDArray kb = FeedbackAlignment.random(conv, new SplittableRandom(4), 1, 0.25).feedback(2); // [4, 3, 3, 3]
    for (int c = 0; c < 3; c++) {
      int k = 0;
      for (int o = 0; o < 4; o++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            k += kb.getDouble(o, c, y, x) != 0 ? 1 : 0;
          }
        }
      }
      assertEquals(9, k, "input channel " + c + ": round(0.25 * 36)");
    }
  }

  @Test
  void directFeedbackHasTheGlorotScaleOfALayerToTheLogits() {
    Network mlp = Network.mlp(6, List.of(200), Activation.TANH, 10, DataType.DOUBLE, 13);
    INDArray d = DirectFeedbackAlignment.random(mlp, new SplittableRandom(4), 2.0).feedback(0);
    double std = Math.sqrt(d.mul(d).meanNumber().doubleValue());
    assertEquals(2.0 * Math.sqrt(2.0 / 210), std, 0.05 * std);
  }

  @Test
  void feedbackArraysAreCopiedSoTrainingTheWeightsCannotReachThem() {
    Network net = Network.mlp(6, List.of(7, 5), Activation.TANH, 3, DataType.DOUBLE, 13);
    INDArray[] b = new INDArray[net.depth()];
    for (int l = 1; l < net.depth(); l++) {
      b[l] = net.layer(l).weights(); // views of W itself
    }
    FeedbackAlignment fa = new FeedbackAlignment(net, b);
    INDArray[] d = new INDArray[net.depth()];
    d[0] = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, new long[] {3, 7}, 'c');
    d[1] = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, new long[] {3, 5}, 'c');
    DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, d);
    double before = fa.feedback(2).getDouble(0, 0);
    net.params().addi(1.0);
    d[0].addi(1.0);
    assertEquals(before, fa.feedback(2).getDouble(0, 0), 0.0);
    assertEquals(0.0, dfa.feedback(0).getDouble(0, 0), 0.0);
  }

  @Test
  void feedbackAnglesHaveOneEntryPerHiddenWeightLayerForEveryRuleFamily() {
    Network net = cnn();
    net.trainStep(IMAGES, null, 0, IMAGES.size(), new Backprop());
    double[] fa = FeedbackAlignment.random(net, new SplittableRandom(1), 1, 1).feedbackAngles(net);
    double[] dfa = DirectFeedbackAlignment.random(net, new SplittableRandom(1), 1).feedbackAngles(net);
    double[] ss = new SignSymmetry(net, SignSymmetry.Magnitudes.UNIT, 1, new SplittableRandom(1)).feedbackAngles(net);
    assertEquals(2, fa.length, "c1 and c2 receive feedback");
    assertEquals(fa.length, dfa.length);
    assertEquals(fa.length, ss.length);
  }
}
