package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The credit-assignment methods as trials: they learn, they are deterministic, they report diagnostics. */
class CreditMethodsTest {
  private static final DataSplit DATA = TestData.split(400, 200, 10, 4, 2);

  static TrialSpec spec(String method, Map<String, Object> params, List<Integer> hidden, int epochs, long seed) {
    return Trials.spec(method, params, new ModelSpec("mlp", hidden, "tanh"), new Budget(epochs, null, null), seed);
  }

  private static List<CurvePoint> run(TrialSpec spec) {
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, DATA, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    return curve;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "bp,", "fa,", "dfa,", "arbp,", "asrbp,", "sparse-rbp,", "sign-symmetry,",
    "sign-symmetry,magnitudes=fixed", "sign-symmetry,magnitudes=redrawn", "fa,error_bits=3", "dfa,error_bits=1",
    "sparse-rbp,density=0.1"
  })
  void eachRuleLowersTheLoss(String method, String extra) {
    Map<String, Object> p = new HashMap<>(Map.of("optimizer", "momentum", "lr", 0.05));
    if (extra != null) {
      String[] kv = extra.split("=");
      p.put(kv[0], kv[1].matches("[0-9.]+") ? (Object) (kv[1].contains(".") ? Double.parseDouble(kv[1])
          : (Object) Long.parseLong(kv[1])) : kv[1]);
    }
    List<CurvePoint> curve = run(spec(method, p, List.of(24, 16), 8, 5));
    CurvePoint first = curve.get(0);
    CurvePoint last = curve.get(curve.size() - 1);
    assertTrue(last.testLoss() < 0.6 * first.testLoss(), method + " " + extra + ": " + first.testLoss()
        + " -> " + last.testLoss());
    assertTrue(last.testAccuracy() > 0.7, method + " accuracy " + last.testAccuracy());
  }

  @ParameterizedTest
  @CsvSource({"fa", "dfa", "arbp", "asrbp", "sparse-rbp", "sign-symmetry"})
  void runsAreDeterministicForASeed(String method) {
    Map<String, Object> p = Map.of("optimizer", "adam", "lr", 0.01, "diagnostics_every", 7L);
    List<CurvePoint> a = run(spec(method, p, List.of(12, 8), 2, 9));
    List<CurvePoint> b = run(spec(method, p, List.of(12, 8), 2, 9));
    List<CurvePoint> c = run(spec(method, p, List.of(12, 8), 2, 10));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).testLoss(), b.get(i).testLoss(), 0.0);
      assertArrayEquals(a.get(i).alignmentAngles(), b.get(i).alignmentAngles(), 0.0);
    }
    assertTrue(a.get(a.size() - 1).testLoss() != c.get(c.size() - 1).testLoss());
  }

  @Test
  void underFeedbackAlignmentTheHiddenAngleStartsNear90AndFalls() {
    List<CurvePoint> curve = run(spec("fa",
        Map.of("optimizer", "momentum", "lr", 0.05, "diagnostics_every", 25L), List.of(32), 15, 3));
    List<CurvePoint> d = curve.stream().filter(p -> p.alignmentAngles() != null).toList();
    assertTrue(d.size() >= 6, "diagnostic points: " + d.size());
    double start = d.get(0).alignmentAngles()[0];
    double end = d.get(d.size() - 1).alignmentAngles()[0];
    assertTrue(start > 70 && start < 110, "initial angle " + start);
    assertTrue(end < 60, "angle after training " + start + " -> " + end);
    double wb0 = d.get(0).feedbackAngles()[0];
    double wb1 = d.get(d.size() - 1).feedbackAngles()[0];
    assertTrue(wb1 < wb0 - 5, "W vs B angle " + wb0 + " -> " + wb1);
    assertEquals(2, d.get(0).updateNorms().length);
    assertTrue(d.get(0).updateNorms()[0] > 0);
  }

  @Test
  void underBackpropTheAngleIsZero() {
    List<CurvePoint> curve = run(spec("bp", Map.of("diagnostics_every", 5L), List.of(12, 8), 2, 3));
    List<CurvePoint> d = curve.stream().filter(p -> p.alignmentAngles() != null).toList();
    assertTrue(d.size() >= 5);
    for (CurvePoint p : d) {
      assertArrayEquals(new double[] {0.0, 0.0}, p.alignmentAngles(), 0.0);
      assertNull(p.feedbackAngles());
    }
  }

  @Test
  void diagnosticsAreOffByDefaultAndDoNotChangeTheRun() {
    List<CurvePoint> off = run(spec("fa", Map.of(), List.of(12), 2, 3));
    List<CurvePoint> on = run(spec("fa", Map.of("diagnostics_every", 5L), List.of(12), 2, 3));
    assertEquals(3, off.size());
    off.forEach(p -> assertNull(p.alignmentAngles()));
    List<CurvePoint> epochs = on.stream().filter(p -> p.alignmentAngles() == null).toList();
    assertEquals(3, epochs.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(off.get(i).testLoss(), epochs.get(i).testLoss(), 0.0);
      assertEquals(off.get(i).samplesSeen(), epochs.get(i).samplesSeen());
    }
    assertNotNull(on.get(1).alignmentAngles());
  }

  @Test
  void ruleParametersAreValidated() {
    Executable density = () -> Trials.resolve("sparse-rbp", Map.of("density", 0.0), "f.yaml");
    InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, density);
    assertTrue(e.getMessage().contains("density"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> Trials.resolve("fa", Map.of("desnity", 0.5), "f.yaml"));
    assertTrue(e.getMessage().contains("feedback_scale") || e.getMessage().contains("known"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> Trials.resolve("sign-symmetry", Map.of("magnitudes", "big"), "f.yaml"));
    assertTrue(e.getMessage().contains("redrawn"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> Trials.resolve("dfa", Map.of("error_bits", 33L), "f.yaml"));
    assertTrue(e.getMessage().contains("error_bits"), e.getMessage());
  }
}
