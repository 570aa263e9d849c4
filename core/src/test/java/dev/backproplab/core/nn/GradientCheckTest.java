package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    GradientChecks.Result r = GradientChecks.check(net, data);
    assertEquals(net.numParams(), r.checked());
    double worst = r.worstRelativeError();
    assertTrue(worst < 1e-5, activation + ": worst relative gradient error " + worst);
  }
}
