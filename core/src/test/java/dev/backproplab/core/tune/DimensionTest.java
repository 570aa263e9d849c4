package dev.backproplab.core.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DimensionTest {

  /** How often each value comes out of a fine grid of coordinates over [0, 1]. */
  private static Map<Object, Integer> shares(Dimension d) {
    Map<Object, Integer> counts = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    for (int i = 0; i < 100_000; i++) {
      counts.merge(d.decode((i + 0.5) / 100_000), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void anIntegerDimensionGivesEveryIntegerAnEqualShareOfTheCoordinate() {
    Map<Object, Integer> counts = shares(Dimension.integer("width", 1, 4, false));
    assertEquals(4, counts.size(), counts.toString());
    counts.values().forEach(c -> assertEquals(25_000, c, 1, counts.toString()));
    assertEquals(1L, Dimension.integer("width", 1, 4, false).decode(-3));
    assertEquals(4L, Dimension.integer("width", 1, 4, false).decode(7));
  }

  @Test
  void aLogIntegerDimensionFavoursSmallValuesAsALogScaleDoes() {
    Dimension d = Dimension.integer("batch_size", 16, 256, true);
    assertEquals(16L, d.decode(0));
    assertEquals(256L, d.decode(1));
    long middle = (Long) d.decode(0.5);
    assertTrue(middle > 60 && middle < 70, "geometric middle of 16..256 is 64, got " + middle);
  }

  @Test
  void realDimensionsStayInsideTheirBoundsOnLinearAndLogScales() {
    Dimension lr = Dimension.real("lr", 1e-4, 0.3, true);
    assertEquals(1e-4, (Double) lr.decode(0), 1e-18);
    assertTrue((Double) lr.decode(1) <= 0.3);
    assertEquals(Math.sqrt(1e-4 * 0.3), (Double) lr.decode(0.5), 1e-12);
    assertEquals(0.495, (Double) Dimension.real("m", 0, 0.99, false).decode(0.5), 1e-12);
  }

  @Test
  void aChoiceSplitsTheCoordinateIntoEqualCellsAndKeepsListValues() {
    Dimension d = Dimension.choice("hidden", List.of(List.of(128L), List.of(256L, 256L), List.of(512L)));
    Map<Object, Integer> counts = shares(d);
    assertEquals(3, counts.size());
    counts.values().forEach(c -> assertEquals(33_333, c, 1));
    assertEquals(List.of(512L), d.decode(1.0));
  }

  @Test
  void badBoundsAreRefusedWithTheNameAndTheValues() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dimension.real("lr", 0, 0.1, true));
    assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("low > 0"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Dimension.real("m", 0.9, 0.1, false));
    assertTrue(e.getMessage().contains("[0.9, 0.1]"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Objective.of("test_accuracy"));
    assertTrue(e.getMessage().contains("never on test"), e.getMessage());
  }
}
