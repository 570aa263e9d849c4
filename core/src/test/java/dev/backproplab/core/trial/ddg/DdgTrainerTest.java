package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialRunner;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.core.trial.Trials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DdgTrainerTest {
  private static final DataSplit DATA = TestData.split(300, 100, 8, 3, 1);
  private static final DataSplit IMAGES = TestData.blobs(300, 150, 4, 4);
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(16, 12), "tanh");
  private static final ModelSpec CNN = new ModelSpec("cnn", List.of(16), "relu",
      List.of(new ModelSpec.ConvSpec(4, 3, 1, 1), new ModelSpec.ConvSpec(8, 3, 1, 1)), 2);

  static TrialSpec spec(String method, Map<String, Object> params, ModelSpec model, Budget budget) {
    return Trials.spec(method, params, model, budget, 5);
  }

  static List<CurvePoint> run(TrialSpec spec, DataSplit data) {
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, data, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    return curve;
  }

  @ParameterizedTest
  @CsvSource({"sgd, mlp", "momentum, mlp", "nesterov, mlp", "adam, mlp", "adam, cnn", "momentum, cnn"})
  void oneModuleIsExactlyBackprop(String optimizer, String model) {
    Map<String, Object> params = Map.of("optimizer", optimizer, "lr", 0.02, "batch_size", 32L);
    ModelSpec m = model.equals("mlp") ? MLP : CNN;
    DataSplit data = model.equals("mlp") ? DATA : IMAGES;
    Budget budget = new Budget(3, null, null);
    List<CurvePoint> bp = run(spec("bp", params, m, budget), data);
    Map<String, Object> ddg = new HashMap<>(params);
    ddg.put("modules", 1L);
    List<CurvePoint> one = run(spec("ddg", ddg, m, budget), data);
    assertEquals(bp.size(), one.size());
    for (int i = 0; i < bp.size(); i++) {
      CurvePoint a = bp.get(i);
      CurvePoint b = one.get(i);
      assertEquals(a.samplesSeen(), b.samplesSeen());
      assertEquals(a.step(), b.step());
      assertEquals(a.trainLoss(), b.trainLoss(), "point " + i);
      assertEquals(a.valLoss(), b.valLoss(), 0.0, "point " + i);
      assertEquals(a.testLoss(), b.testLoss(), 0.0, "point " + i);
      assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
    }
    assertArrayEquals(new double[] {0.0}, one.get(1).moduleStaleness());
  }

  @ParameterizedTest
  @CsvSource({"2, current", "2, forward", "3, current", "3, forward"})
  void moduleKIsStaleByKMinusOneMinusKAndTheLossFalls(int modules, String weights) {
    List<CurvePoint> curve = run(spec("ddg", Map.of("optimizer", "momentum", "lr", 0.05, "modules", (long) modules,
        "delayed_weights", weights), MLP, new Budget(6, null, null)), DATA);
    assertNull(curve.get(0).moduleStaleness(), "nothing trained before the first point");
    double[] warmUp = curve.get(1).moduleStaleness();
    for (int k = 0; k < modules; k++) {
      assertTrue(warmUp[k] < modules - 1 - k || k == modules - 1, "no updates yet while the pipeline fills");
    }
    for (int i = 2; i < curve.size(); i++) {
      double[] staleness = curve.get(i).moduleStaleness();
      assertEquals(modules, staleness.length);
      for (int k = 0; k < modules; k++) {
        assertEquals(modules - 1 - k, staleness[k], 0.0, "module " + k + " at point " + i);
        assertTrue(curve.get(i).moduleGradientNorms()[k] > 0, "module " + k + " gradient norm");
      }
      assertEquals(modules - 1, curve.get(i).staleness(), 0.0);
    }
    CurvePoint first = curve.get(0);
    CurvePoint last = curve.get(curve.size() - 1);
    assertTrue(last.testLoss() < 0.7 * first.testLoss(), first.testLoss() + " -> " + last.testLoss());
    assertTrue(curve.get(2).trainLoss() < curve.get(1).trainLoss());
    assertEquals(6 * 300, last.samplesSeen(), "every minibatch counted once, as bp counts it");
  }

  @Test
  void aCnnSplitInTwoTrainsAndRunsTheSameEveryTime() {
    TrialSpec s = spec("ddg", Map.of("optimizer", "adam", "lr", 0.005, "modules", 2L), CNN, new Budget(6, null, null));
    List<CurvePoint> a = run(s, IMAGES);
    List<CurvePoint> b = run(s, IMAGES);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).testLoss(), b.get(i).testLoss(), 0.0, "thread timing must not change the numbers");
      assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss());
    }
    CurvePoint last = a.get(a.size() - 1);
    assertTrue(last.testLoss() < 0.5 * a.get(0).testLoss(), a.get(0).testLoss() + " -> " + last.testLoss());
    assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
  }

  @Test
  void theTwoWeightChoicesDifferOnlyWhenStale() {
    Budget budget = new Budget(2, null, null);
    List<CurvePoint> current = run(spec("ddg", Map.of("lr", 0.05, "modules", 2L, "delayed_weights", "current"),
        MLP, budget), DATA);
    List<CurvePoint> forward = run(spec("ddg", Map.of("lr", 0.05, "modules", 2L, "delayed_weights", "forward"),
        MLP, budget), DATA);
    assertTrue(current.get(2).testLoss() != forward.get(2).testLoss(), "stale gradients at other weights");
    assertNotNull(forward.get(2).moduleGradientNorms());
  }

  @Test
  void anExplicitSplitCutsWhereItSaysAndTheBalancedCutIsTheDefault() {
    Map<String, Object> base = Map.of("optimizer", "momentum", "lr", 0.05, "modules", 2L);
    Budget budget = new Budget(3, null, null);
    List<CurvePoint> balanced = run(spec("ddg", base, MLP, budget), DATA);
    Map<String, Object> one = new HashMap<>(base);
    one.put("split", "1");
    Map<String, Object> two = new HashMap<>(base);
    two.put("split", 2L);
    double afterOne = run(spec("ddg", one, MLP, budget), DATA).get(3).testLoss();
    double afterTwo = run(spec("ddg", two, MLP, budget), DATA).get(3).testLoss();
    assertTrue(afterOne != afterTwo, "the lower module holds one layer or two: other stale gradients");
    // 8-16-12-3: the balanced cut of 2 modules, in layers with weights below it (each MLP layer has weights)
    int cut = Split.balanced(dev.backproplab.core.nn.Network.mlpLayers(8, List.of(16, 12),
        dev.backproplab.core.nn.Activation.TANH, 3), 2, true)[1];
    assertEquals(cut == 1 ? afterOne : afterTwo, balanced.get(3).testLoss(), 0.0);
    Map<String, Object> three = new HashMap<>(base);
    three.put("modules", 3L);
    three.put("split", "1, 2");
    List<CurvePoint> k3 = run(spec("ddg", three, MLP, budget), DATA);
    assertArrayEquals(new double[] {2, 1, 0}, k3.get(3).moduleStaleness());
  }
}
