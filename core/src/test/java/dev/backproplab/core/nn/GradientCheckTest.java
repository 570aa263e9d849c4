package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.data.Examples;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Central finite differences against the analytic gradient of every parameter, in double precision,
 * for every hidden activation (which also covers the dense layer and the softmax cross-entropy).
 */
class GradientCheckTest {

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
  void analyticGradientMatchesFiniteDifferences(Activation activation) {
    Examples data = TestData.gaussian(7, 5, 3, 11);
    Network net = Network.mlp(5, List.of(6, 4), activation, 3, DataType.DOUBLE, 42);
    net.trainStep(data, null, 0, data.size(), new Backprop());
    double[] analytic = DataView.of(net.gradients()).toArray();
    DataView p = DataView.of(net.params());
    double h = 1e-6;
    double worst = 0;
    for (int i = 0; i < p.length(); i++) {
      double saved = p.get(i);
      p.set(i, saved + h);
      double plus = net.evaluate(data, data.size()).loss();
      p.set(i, saved - h);
      double minus = net.evaluate(data, data.size()).loss();
      p.set(i, saved);
      double numeric = (plus - minus) / (2 * h);
      double scale = Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i]));
      double rel = Math.abs(numeric - analytic[i]) / scale;
      // relu's kink makes a difference only when a pre-activation sits within h of zero
      if (Math.abs(numeric - analytic[i]) > 1e-8) {
        worst = Math.max(worst, rel);
      }
    }
    assertTrue(worst < 1e-5, activation + ": worst relative gradient error " + worst);
  }
}
