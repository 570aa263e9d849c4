package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every credit-assignment rule trains a small CNN (two convolutions with pooling, one dense layer);
 * the one-step CNN checks of every rule are in CnnCreditTest.
 */
class CnnMethodsTest {
  private static final DataSplit IMAGES = images(TestData.split(300, 150, 64, 3, 4));

  private static DataSplit images(DataSplit flat) {
    int[] shape = {1, 8, 8};
    return new DataSplit("toy-images",
        new dev.backproplab.core.data.Examples(flat.train().features(), flat.train().labels(), shape, 3),
        new dev.backproplab.core.data.Examples(flat.validation().features(), flat.validation().labels(), shape, 3),
        new dev.backproplab.core.data.Examples(flat.test().features(), flat.test().labels(), shape, 3),
        flat.sha256());
  }

  @ParameterizedTest
  @CsvSource({"bp", "fa", "dfa", "arbp", "asrbp", "sparse-rbp", "sign-symmetry"})
  void eachRuleLowersTheLossOfACnn(String method) {
    ModelSpec cnn = new ModelSpec("cnn", List.of(16), "relu",
        List.of(new ModelSpec.ConvSpec(4, 3, 1, 1), new ModelSpec.ConvSpec(8, 3, 1, 1)), 2);
    TrialSpec spec = new TrialSpec("s", "t", method, "toy", cnn,
        new TreeMap<>(Methods.resolve(method, Map.of("optimizer", "adam", "lr", 0.005,
            "diagnostics_every", 20L), "test")), new Budget(10, null, null), 7);
    List<CurvePoint> curve = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, IMAGES, curve::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    CurvePoint first = curve.get(0);
    CurvePoint last = curve.get(curve.size() - 1);
    assertTrue(last.testLoss() < 0.85 * first.testLoss(), method + ": " + first.testLoss() + " -> " + last.testLoss());
    CurvePoint diag = curve.stream().filter(p -> p.alignmentAngles() != null).findFirst().orElseThrow();
    assertEquals(3, diag.alignmentAngles().length, "two convolutions and one dense hidden layer");
    assertEquals(4, diag.updateNorms().length);
  }

}
