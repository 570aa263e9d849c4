package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.blackbox.BlackboxSpec;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.method.TrialChecks;
import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.core.nn.BlackboxLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks with a blackbox layer train through it: with an estimator that is exact for the function
 * (colouring on a noiseless smooth banded map) as well as bp through the true derivative; through a
 * hard quantiser with every credit rule; and the curves count the estimates' calls.
 */
class BlackboxTrainingTest {

  private static BlackboxSpec spec(String function, String estimator, Map<String, Object> extra) {
    Map<String, Object> keys = new HashMap<>(Map.of("after", 1L, "function", function, "estimator", estimator));
    keys.putAll(extra);
    return BlackboxSpec.of(keys);
  }

  private static ModelSpec model(BlackboxSpec bb) {
    return new ModelSpec("mlp", List.of(12), "tanh", List.of(), 0, "none", "flatten", bb);
  }

  /** Trains the quadratic task of {@link RulesLearnTest} with {@code method} through {@code bb}. */
  private static double[] trainThrough(BlackboxSpec bb, String method) {
    CreditConfig p = RulesLearnTest.params(method, null);
    Network net = Networks.build(model(bb), trainSet(), p.dataType(), 21);
    double[] r = RulesLearnTest.train(net, RulesLearnTest.rule(p, net), p);
    BlackboxLayer layer = net.blackbox();
    return new double[] {r[0], layer.estimationCalls(), layer.lastAngle()};
  }

  private static Examples trainSet() {
    return RulesLearnTest.quadratic(1500, 11);
  }

  @Test
  void colouringOnANoiselessSmoothMapLearnsAsWellAsBpThroughTheTrueDerivative() {
    double[] exact = trainThrough(spec("banded", "exact", Map.of()), "bp");
    double[] coloured = trainThrough(spec("banded", "colouring", Map.of()), "bp");
    assertEquals(0.0, exact[1], "the true derivative costs no calls");
    assertEquals(0.0, exact[2], 1e-6);
    assertTrue(coloured[2] < 1.0, "estimate vs truth: " + coloured[2] + " degrees");
    assertTrue(exact[0] > 0.8, "bp through the true derivative reaches " + exact[0]);
    assertTrue(Math.abs(coloured[0] - exact[0]) < 0.02, "colouring " + coloured[0] + ", exact " + exact[0]);
    // 25 epochs of 1500 examples, each example's estimate 7 colours of a bandwidth-3 band
    assertEquals(25L * 1500 * 7, (long) coloured[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bp", "fa", "sign-symmetry", "arbp", "sparse-rbp", "dfa", "asrbp"})
  void everyRuleTrainsThroughAHardQuantiser(String method) {
    double[] r = trainThrough(spec("quantize", "forward", Map.of("levels", 8L)), method);
    assertTrue(r[0] > 0.75, method + " through a quantiser reaches " + r[0]);
    assertTrue(Double.isNaN(r[2]), "a quantiser has no true derivative to compare with");
    boolean direct = method.equals("dfa") || method.equals("asrbp");
    assertEquals(direct, r[1] == 0, method + " spent " + r[1] + " calls (direct feedback never needs J^T v)");
  }

  @Test
  void curvesRecordTheCallsAndTheAngleOfANoisyEstimate() {
    DataSplit data = TestData.split(200, 100, 8, 3, 1);
    BlackboxSpec bb = spec("block", "antithetic", Map.of("calls", 24L, "noise", 0.01, "block", 4L));
    TrialSpec s = Trials.spec("bp", Map.of("lr", 0.1, "optimizer", "momentum"), model(bb), new Budget(1, null, null), 3);
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(s, data, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    assertEquals(0L, curve.get(0).blackboxCalls());
    assertNull(curve.get(0).blackboxAngle(), "no backward pass yet");
    CurvePoint last = curve.get(curve.size() - 1);
    assertEquals(200L * 24, last.blackboxCalls());
    assertNotNull(last.blackboxAngle());
    assertTrue(last.blackboxAngle() > 0 && last.blackboxAngle() < 60, "angle " + last.blackboxAngle());
    assertTrue(s.model().describe().endsWith("+bb1:block4/n0.01/antithetic24/h0.1"), s.model().describe());
  }

  @Test
  void aModelWithoutBlackboxKeepsItsDescriptionAndTheCurveColumnsStayEmpty() {
    assertEquals("mlp[12]/tanh", model(null).describe());
    DataSplit data = TestData.split(100, 50, 8, 3, 1);
    List<CurvePoint> curve = new ArrayList<>();
    new TrialRunner().run(Trials.spec("bp", Map.of(), model(null), new Budget(1, null, null), 3), data, curve::add);
    assertNull(curve.get(1).blackboxCalls());
    assertNull(curve.get(1).blackboxAngle());
  }

  @Test
  void badBlackboxesAreRefusedWithTheKeyAndValue() {
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("quantize", "exact", Map.of()))
        .getMessage().contains("quantize has no useful derivative"));
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("smooth", "colouring", Map.of()))
        .getMessage().contains("smooth declares none"));
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("banded", "gaussian", Map.of()))
        .getMessage().contains("blackbox.calls = 0"));
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("banded", "forward", Map.of("calls", 5L)))
        .getMessage().contains("spends a fixed number of calls"));
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("banded", "colouring", Map.of("nosie", 0.1)))
        .getMessage().contains("did you mean 'noise'"));
    assertTrue(assertThrows(InvalidInputException.class, () -> spec("bandd", "colouring", Map.of()))
        .getMessage().contains("blackbox.function = bandd"));
    BlackboxSpec after2 = BlackboxSpec.of(Map.of("after", 2L, "function", "banded", "estimator", "exact"));
    assertTrue(assertThrows(InvalidInputException.class, () -> model(after2))
        .getMessage().contains("blackbox.after = 2: expected a dense hidden layer from 1 to 1"));
  }

  @Test
  void derivativeFreeMethodsAndTheAlignmentProbeAreRefusedBeforeAnythingRuns() {
    Examples train = TestData.split(50, 20, 8, 3, 1).train();
    ModelSpec m = model(spec("banded", "colouring", Map.of()));
    for (TrialSpec t : List.of(Trials.spec("es", Map.of(), m, new Budget(1, null, null), 1),
        Trials.spec("bp", Map.of("diagnostics_every", 5L), m, new Budget(1, null, null), 1),
        Trials.spec("ddg", Map.of(), m, new Budget(1, null, null), 1))) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> TrialChecks.check(List.of(t), train, MethodCatalogue.CORE, "sweep.yaml"));
      assertTrue(e.getMessage().startsWith("sweep.yaml: method " + t.method()), e.getMessage());
    }
  }
}
