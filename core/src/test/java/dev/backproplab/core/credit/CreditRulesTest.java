package dev.backproplab.core.credit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.TestData;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The rules against exact backprop on one step of a small MLP, in double precision. */
class CreditRulesTest {
  private static final Examples DATA = TestData.gaussian(16, 6, 3, 5);

  private static Network net(Activation a) {
    return Network.mlp(6, List.of(7, 5), a, 3, DataType.DOUBLE, 13);
  }

  private static double[] gradients(Network net, CreditAssignment rule) {
    net.trainStep(DATA, null, 0, DATA.size(), rule);
    return DataView.of(net.gradients()).toArray();
  }

  @Test
  void backpropThroughTheStrategyGivesTheTextbookGradient() {
    Network net = net(Activation.TANH);
    double[] engine = gradients(net, new Backprop());
    // a reference backward pass written with whole-array ND4J ops
    INDArray x = Nd4j.create(toDouble(DATA.features()), new long[] {16, 6}, 'c');
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 3);
    for (int r = 0; r < 16; r++) {
      y.putScalar(r, DATA.labels()[r], 1.0);
    }
    INDArray[] w = new INDArray[3];
    INDArray[] b = new INDArray[3];
    INDArray[] a = new INDArray[4];
    a[0] = x;
    for (int l = 0; l < 3; l++) {
      w[l] = net.layer(l).weights().dup();
      long off = net.paramOffset(l) + w[l].length();
      b[l] = net.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + w[l].columns())).dup().reshape(1, -1);
      INDArray z = a[l].mmul(w[l]).addRowVector(b[l]);
      a[l + 1] = l < 2 ? Transforms.tanh(z) : z;
    }
    INDArray p = Transforms.softmax(a[3], true);
    INDArray delta = p.sub(y).div(16);
    double[] ref = new double[engine.length];
    for (int l = 2; l >= 0; l--) {
      INDArray gw = a[l].transpose().mmul(delta);
      INDArray gb = delta.sum(0);
      int off = (int) net.paramOffset(l);
      for (int j = 0; j < gw.columns(); j++) {
        for (int i = 0; i < gw.rows(); i++) {
          ref[off + j * gw.rows() + i] = gw.getDouble(i, j); // column-major W
        }
        ref[off + (int) gw.length() + j] = gb.getDouble(j);
      }
      if (l > 0) {
        INDArray out = a[l];
        delta = delta.mmul(w[l].transpose()).mul(out.mul(out).rsub(1.0));
      }
    }
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], engine[i], 1e-14 + 1e-12 * Math.abs(ref[i]), "parameter " + i);
    }
  }

  @Test
  void feedbackAlignmentHandedTheForwardWeightsIsBackprop() {
    Network net = net(Activation.RELU);
    double[] exact = gradients(net, new Backprop());
    INDArray[] b = new INDArray[3];
    for (int l = 1; l < 3; l++) {
      b[l] = net.layer(l).weights().dup(net.layer(l).weights().ordering());
    }
    assertArrayEquals(exact, gradients(net, new FeedbackAlignment(net, b)), 0.0);
    assertArrayEquals(exact, gradients(net, new AdaptiveRbp(net, new FeedbackAlignment(net, b), 0.1)), 0.0);
  }

  @Test
  void directFeedbackHandedTheOutputWeightsIsBackpropForOneHiddenLayer() {
    Network net = Network.mlp(6, List.of(7), Activation.SIGMOID, 3, DataType.DOUBLE, 3);
    double[] exact = gradients(net, new Backprop());
    INDArray[] d = {net.layer(1).weights().transpose().dup('c'), null};
    double[] direct = gradients(net, new DirectFeedbackAlignment(net, d));
    for (int i = 0; i < exact.length; i++) {
      assertEquals(exact[i], direct[i], 1e-15 + 1e-13 * Math.abs(exact[i]));
    }
  }

  @Test
  void randomFeedbackIsNotBackprop() {
    Network net = net(Activation.TANH);
    double[] exact = gradients(net, new Backprop());
    double[] fa = gradients(net, FeedbackAlignment.random(net, new SplittableRandom(3), 1.0, 1.0));
    // the output layer's gradient is the same; the hidden layers' are not
    int top = (int) net.paramOffset(2);
    for (int i = top; i < exact.length; i++) {
      assertEquals(exact[i], fa[i], 1e-15);
    }
    double diff = 0;
    for (int i = 0; i < top; i++) {
      diff += Math.abs(exact[i] - fa[i]);
    }
    assertTrue(diff > 1e-3, "hidden gradients differ by " + diff);
  }

  static Stream<Arguments> rulesThatDoNotUseW() {
    Function<Network, CreditAssignment> fa = n -> FeedbackAlignment.random(n, new SplittableRandom(1), 1, 1);
    Function<Network, CreditAssignment> sparse = n -> FeedbackAlignment.random(n, new SplittableRandom(1), 1, 0.3);
    Function<Network, CreditAssignment> dfa = n -> DirectFeedbackAlignment.random(n, new SplittableRandom(1), 1);
    Function<Network, CreditAssignment> arbp = n -> new AdaptiveRbp(n, FeedbackAlignment.random(n, new SplittableRandom(1), 1, 1), 0.1);
    Function<Network, CreditAssignment> asrbp = n -> new AdaptiveSkippedRbp(DirectFeedbackAlignment.random(n, new SplittableRandom(1), 1), 0.1);
    Function<Network, CreditAssignment> quantized = n -> new QuantizedErrors(fa.apply(n), 3);
    return Stream.of(Arguments.of("fa", fa), Arguments.of("sparse-rbp", sparse), Arguments.of("dfa", dfa),
        Arguments.of("arbp", arbp), Arguments.of("asrbp", asrbp), Arguments.of("fa 3 bits", quantized));
  }

  /** While the rule computes a hidden error every weight of the network holds NaN. */
  private record PoisonedWeights(CreditAssignment rule) implements CreditAssignment {
    @Override
    public void hiddenError(TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
      Network network = step.network();
      INDArray saved = network.params().dup();
      for (int l = 0; l < network.depth(); l++) {
        network.layer(l).weights().assign(Double.NaN);
      }
      rule.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
      network.params().assign(saved);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rulesThatDoNotUseW")
  void aRuleWithoutWTransposeNeverReadsW(String name, Function<Network, CreditAssignment> make) {
    Network net = net(Activation.RELU);
    double[] plain = gradients(net, make.apply(net));
    double[] poisoned = gradients(net, new PoisonedWeights(make.apply(net)));
    assertArrayEquals(plain, poisoned, 0.0, name);
  }

  @Test
  void thePoisonReachesRulesThatReadW() {
    Network net = net(Activation.RELU);
    double[] bp = gradients(net, new PoisonedWeights(new Backprop()));
    assertTrue(Double.isNaN(bp[0]), "backprop reads W^T, so its hidden gradients must be NaN");
    double[] sign = gradients(net,
        new PoisonedWeights(new SignSymmetry(net, SignSymmetry.Magnitudes.UNIT, 1, new SplittableRandom(1))));
    assertTrue(Double.isNaN(sign[0]), "sign-symmetry reads sign(W)");
  }

  @Test
  void signSymmetryFeedbackHasTheSignsOfW() {
    Network net = net(Activation.TANH);
    for (SignSymmetry.Magnitudes m : SignSymmetry.Magnitudes.values()) {
      SignSymmetry rule = new SignSymmetry(net, m, 1.0, new SplittableRandom(2));
      gradients(net, rule);
      double[] w = DataView.of(net.layer(2).weights()).toArray();
      double[] b = DataView.of(rule.feedback(2)).toArray();
      for (int i = 0; i < w.length; i++) {
        assertEquals(Math.signum(w[i]), Math.signum(b[i]), m + " entry " + i);
      }
      if (m == SignSymmetry.Magnitudes.UNIT) {
        assertEquals(Math.abs(b[0]), Math.abs(b[b.length - 1]), 0.0);
      }
    }
  }

  @Test
  void thirtyTwoBitErrorsChangeNothingMeasurable() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      Network net = Network.mlp(6, List.of(7, 5), Activation.TANH, 3, type, 13);
      double[] exact = gradients(net, new Backprop());
      double[] q32 = gradients(net, new QuantizedErrors(new Backprop(), 32));
      double[] q4 = gradients(net, new QuantizedErrors(new Backprop(), 4));
      double tol = type == DataType.FLOAT ? 1e-6 : 1e-8;
      assertTrue(relative(exact, q32) < tol, type + " 32 bits: " + relative(exact, q32));
      assertTrue(relative(exact, q4) > 1e-3, type + " 4 bits must differ: " + relative(exact, q4));
    }
  }

  @Test
  void quantiserKeepsTwoToTheBitsMinusOneLevels() {
    INDArray a = Nd4j.create(new double[] {-1.0, -0.4, -0.1, 0.0, 0.2, 0.6, 0.8});
    DataView v = DataView.of(a);
    Quantizer.quantize(v, 2); // levels -1, 0, 1 times max = 1
    assertArrayEquals(new double[] {-1, 0, 0, 0, 0, 1, 1}, v.toArray(), 0.0);
    INDArray c = Nd4j.create(new double[] {-2.0, 1.0, 3.0});
    Quantizer.quantize(DataView.of(c), 1); // sign times mean |x| = 2
    assertArrayEquals(new double[] {-2, 2, 2}, DataView.of(c).toArray(), 0.0);
  }

  @Test
  void adaptiveFeedbackFollowsTheWeightGradient() {
    Network net = net(Activation.TANH);
    AdaptiveRbp rule = new AdaptiveRbp(net, FeedbackAlignment.random(net, new SplittableRandom(4), 1, 1), 0.5);
    double[] before = DataView.of(rule.feedback(1)).toArray();
    TrainingStep step = net.trainStep(DATA, null, 0, DATA.size(), rule);
    double[] g = DataView.of(net.layer(1).weightGradient()).toArray();
    rule.afterUpdate(step);
    double[] after = DataView.of(rule.feedback(1)).toArray();
    for (int i = 0; i < g.length; i++) {
      assertEquals(before[i] - 0.5 * g[i], after[i], 1e-15);
    }
    AdaptiveSkippedRbp skipped =
        new AdaptiveSkippedRbp(DirectFeedbackAlignment.random(net, new SplittableRandom(4), 1), 0.5);
    INDArray d0 = skipped.feedback(0).dup();
    TrainingStep skippedStep = net.trainStep(DATA, null, 0, DATA.size(), skipped);
    INDArray expected = d0.sub(skippedStep.outputDelta().transpose().mmul(skippedStep.activations(1)).mul(0.5));
    skipped.afterUpdate(skippedStep);
    assertTrue(expected.equalsWithEps(skipped.feedback(0), 1e-14));
  }

  private static double relative(double[] a, double[] b) {
    double d = 0;
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      n += a[i] * a[i];
    }
    return Math.sqrt(d / n);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
