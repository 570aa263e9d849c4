package dev.backproplab.core.credit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The rules on a small CNN (two convolutions, pooling, flatten, two dense layers), one step, doubles. */
class CnnCreditTest {
  private static final Examples DATA = TestData.images(12, 8);

  private static double[] gradients(Network net, CreditAssignment rule) {
    net.trainStep(DATA, null, 0, DATA.size(), rule);
    return DataView.of(net.gradients()).toArray();
  }

  @Test
  void feedbackKernelsEqualToTheWeightsGiveBackprop() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 3);
    double[] exact = gradients(net, new Backprop());
    INDArray[] b = new INDArray[net.depth()];
    for (int l = 1; l < net.depth(); l++) {
      if (net.layer(l).hasWeights()) {
        b[l] = net.layer(l).weights().dup(net.layer(l).weights().ordering());
      }
    }
    double[] fa = gradients(net, new FeedbackAlignment(net, b));
    for (int i = 0; i < exact.length; i++) {
      assertEquals(exact[i], fa[i], 1e-15 + 1e-12 * Math.abs(exact[i]), "parameter " + i);
    }
  }

  @Test
  void randomKernelsAndDirectFeedbackChangeOnlyTheHiddenGradients() {
    Network net = TestData.smallCnn(DataType.DOUBLE, 3);
    double[] exact = gradients(net, new Backprop());
    int top = (int) net.paramOffset(net.depth() - 1);
    for (CreditAssignment rule : new CreditAssignment[] {
        FeedbackAlignment.random(net, new SplittableRandom(5), 1, 1),
        DirectFeedbackAlignment.random(net, new SplittableRandom(5), 1),
        new SignSymmetry(net, SignSymmetry.Magnitudes.FIXED, 1, new SplittableRandom(5))}) {
      double[] g = gradients(net, rule);
      for (int i = top; i < exact.length; i++) {
        assertEquals(exact[i], g[i], 1e-15, rule.getClass().getSimpleName());
      }
      double convDiff = 0;
      for (int i = 0; i < (int) net.paramOffset(1); i++) {
        convDiff += Math.abs(exact[i] - g[i]);
      }
      assertTrue(convDiff > 1e-6, rule.getClass().getSimpleName() + " first conv differs by " + convDiff);
    }
  }

  @Test
  void feedbackRulesNeverReadTheWeightsOfACnn() {
    for (int rule = 0; rule < 3; rule++) {
      int k = rule;
      Network net = TestData.smallCnn(DataType.DOUBLE, 3);
      CreditAssignment a = make(k, net);
      double[] plain = gradients(net, a);
      CreditAssignment poisoned = new CreditAssignment() {
        final CreditAssignment rule = make(k, net);

        @Override
        public void hiddenError(TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta,
            INDArray errorOut) {
          Network network = step.network();
          INDArray saved = network.params().dup();
          for (int l = 0; l < network.depth(); l++) {
            if (network.layer(l).hasWeights()) {
              network.layer(l).weights().assign(Double.NaN);
            }
          }
          rule.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
          network.params().assign(saved);
        }
      };
      assertArrayEquals(plain, gradients(net, poisoned), 0.0, "rule " + k);
    }
  }

  private static CreditAssignment make(int k, Network net) {
    return switch (k) {
      case 0 -> FeedbackAlignment.random(net, new SplittableRandom(2), 1, 1);
      case 1 -> DirectFeedbackAlignment.random(net, new SplittableRandom(2), 1);
      default -> new AdaptiveRbp(net, FeedbackAlignment.random(net, new SplittableRandom(2), 1, 0.5), 0.1);
    };
  }
}
