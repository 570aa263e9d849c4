package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.DdgMethod;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class SplitTest {
  @Test
  void theMnistMlpSplitsAfterItsHeavyFirstLayer() {
    Network mlp = Network.mlp(784, List.of(256, 256), Activation.RELU, 10, DataType.FLOAT, 1);
    assertArrayEquals(new int[] {0, 1, 3}, Split.balanced(mlp.layers(), 2, true));
    assertArrayEquals(new int[] {0, 1, 3}, Split.balanced(mlp.layers(), 2, false));
    assertArrayEquals(new int[] {0, 1, 2, 3}, Split.balanced(mlp.layers(), 3, true));
    assertArrayEquals(new int[] {0, 3}, Split.balanced(mlp.layers(), 1, true));
  }

  @Test
  void equalLayersSplitEvenly() {
    Network net = Network.mlp(100, List.of(100, 100, 100, 100, 100, 100, 100, 100), Activation.TANH, 100,
        DataType.FLOAT, 1);
    // nine 100x100 layers, the first sending no error (2 passes, the others 3): 14 | 12 at the best cut
    assertArrayEquals(new int[] {0, 5, 9}, Split.balanced(net.layers(), 2, false));
    // the lower module runs its forward pass again (one more per layer): 11 + 4 | 15 beats 14 + 5 | 12
    assertArrayEquals(new int[] {0, 4, 9}, Split.balanced(net.layers(), 2, true));
  }

  @Test
  void everyModuleOfACnnHoldsALayerWithWeights() {
    Network cnn = TestData.smallCnn(DataType.FLOAT, 3);
    for (int k = 1; k <= 4; k++) {
      int[] b = Split.balanced(cnn.layers(), k, true);
      assertTrue(b[0] == 0 && b[k] == cnn.depth());
      for (int m = 0; m < k; m++) {
        boolean weights = false;
        for (int l = b[m]; l < b[m + 1]; l++) {
          weights |= cnn.layer(l).numParams() > 0;
        }
        assertTrue(weights, "module " + m + " of " + k + ": " + java.util.Arrays.toString(b));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Split.balanced(cnn.layers(), 5, true));
  }

  @Test
  void anExplicitCutKeepsTheLayersWithoutWeightsWithTheLayerTheyFollow() {
    Network mlp = Network.mlp(784, List.of(256, 256), Activation.RELU, 10, DataType.FLOAT, 1);
    assertArrayEquals(new int[] {0, 2, 3}, Split.at(mlp.layers(), List.of(2)));
    assertArrayEquals(new int[] {0, 1, 2, 3}, Split.at(mlp.layers(), List.of(1, 2)));
    assertArrayEquals(new int[] {0, 3}, Split.at(mlp.layers(), List.of()));
    Network cnn = TestData.smallCnn(DataType.FLOAT, 3);
    int[] b = Split.at(cnn.layers(), List.of(1));
    assertTrue(cnn.layer(b[1]).numParams() > 0, "the upper module starts at the second layer with weights");
    for (int l = 1; l < b[1]; l++) {
      assertEquals(0, cnn.layer(l).numParams(), "module 0: the first layer with weights and what follows it");
    }
    assertThrows(IllegalArgumentException.class, () -> Split.at(mlp.layers(), List.of(3)));
  }

  @Test
  void splitIsOneIntegerOrIncreasingIntegersWithCommasAndNamesWhatIsWrong() {
    ParamDef split = new DdgMethod().params().get("split");
    assertEquals("balanced", split.normalize("balanced", "f"));
    assertEquals("1", split.normalize(1L, "f"));
    assertEquals("1,3", split.normalize(" 1, 3 ", "f"));
    for (Object bad : new Object[] {"3,1", "1,1", "0", "1;3", "x", 1.5, "64"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> split.normalize(bad, "f: methods[1].params.split"));
      assertTrue(e.getMessage().startsWith("f: methods[1].params.split: "), e.getMessage());
      assertTrue(e.getMessage().contains("'balanced' or increasing integers in [1, 63]"), e.getMessage());
    }
    InvalidInputException k = assertThrows(InvalidInputException.class,
        () -> new DdgMethod().resolve(java.util.Map.of("modules", 3L, "split", "1"), "f: methods[1]"));
    assertTrue(k.getMessage().contains("split [1] cuts the network into 2 modules but modules = 3"), k.getMessage());
    InvalidInputException above = assertThrows(InvalidInputException.class, () -> {
      var r = new DdgMethod().resolve(java.util.Map.of("split", "3"), "f");
      new DdgMethod().check(new dev.backproplab.core.trial.ModelSpec("mlp", List.of(8, 8), "relu"), 100, r.config());
    });
    assertTrue(above.getMessage().contains("every cut must be in [1, 2]"), above.getMessage());
  }

  /** The layer-boundary bounds ADR 0016 derives by hand, from the same cost model as the cut. */
  @Test
  void theSpeedUpBoundOfTwoModulesOnThreeMnistMlps() {
    double[][] expected = { // hidden width; forward bound; current bound
        {256, 1.509, 1.006}, {512, 1.999, 1.332}, {800, 1.645, 1.645}};
    for (double[] e : expected) {
      int h = (int) e[0];
      List<dev.backproplab.core.nn.Layer> layers = Network.mlpLayers(784, List.of(h, h), Activation.RELU, 10);
      for (int mode = 0; mode < 2; mode++) {
        boolean recompute = mode == 1;
        int[] cut = Split.balanced(layers, 2, recompute);
        assertArrayEquals(new int[] {0, 1, 3}, cut, "784-" + h + "-" + h + "-10: after the first layer");
        assertEquals(e[1 + mode], Split.speedupBound(layers, cut, recompute), 0.002, "784-" + h + "-" + h + "-10");
      }
      assertEquals(1.0, Split.speedupBound(layers, new int[] {0, 3}, true), 1e-12, "one module is bp");
    }
  }
}
