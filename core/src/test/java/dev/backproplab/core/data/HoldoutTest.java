package dev.backproplab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  /** n examples of one feature whose value is the row number, so rows can be traced. */
  private static DataSplit numbered(int n) {
    float[] f = new float[n];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      f[i] = i;
      l[i] = i % 3;
    }
    Examples e = new Examples(f, l, new int[] {1}, 3);
    return new DataSplit("numbered", e, e.select(new int[] {0, 1, 2}), "sha");
  }

  @Test
  void defaultIsTenPercentCappedAt5000() {
    assertEquals(144, Holdout.DEFAULT.size(1437));
    assertEquals(5000, Holdout.DEFAULT.size(60000));
    assertEquals(4500, Holdout.DEFAULT.size(45000));
    assertEquals(300, Holdout.of(300).size(1437));
    assertEquals(287, Holdout.of(0.2).size(1437));
  }

  @Test
  void theHeldOutRowsLeaveTrainingAndAreTheSameEveryTime() {
    DataSplit a = numbered(1000).holdOut(Holdout.of(100));
    DataSplit b = numbered(1000).holdOut(Holdout.of(100));
    assertEquals(900, a.train().size());
    assertEquals(100, a.validation().size());
    assertArrayEquals(a.validation().features(), b.validation().features());
    Set<Float> seen = new HashSet<>();
    for (float v : a.train().features()) {
      seen.add(v);
    }
    for (float v : a.validation().features()) {
      assertTrue(seen.add(v), "row " + v + " is in both training and validation");
    }
    assertEquals(1000, seen.size());
    // a random sample spread over the rows, not a block of them
    float[] v = a.validation().features();
    assertTrue(v[99] - v[0] > 500, "held-out rows span " + v[0] + ".." + v[99]);
    assertNotEquals(0f, v[1] - v[0] - 1f, "held-out rows are consecutive");
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Holdout.of(1.5));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Holdout.of(0));
    assertThrows(InvalidInputException.class, () -> Holdout.of(-3));
    InvalidInputException tooBig = assertThrows(InvalidInputException.class, () -> Holdout.of(1000).size(1000));
    assertTrue(tooBig.getMessage().contains("1000 training examples"), tooBig.getMessage());
    assertThrows(IllegalStateException.class, () -> numbered(10).holdOut(Holdout.of(2)).holdOut(Holdout.of(2)));
  }
}
