package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
