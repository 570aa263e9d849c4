package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link DataView#copyTo} between views that start inside larger arrays, of one type and of two, and
 * {@link DataView#copyFrom} from a Java array.
 */
class DataViewTest {
  @Test
  void copyToCopiesTheFirstElementsFromOffsetToOffsetAndNothingElse() {
    for (DataType from : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (DataType to : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        DataView src = DataView.of(inner(Nd4j.linspace(from, 1, 20, 1).reshape(1, 20), 3, 15));
        INDArray whole = Nd4j.zeros(to, 1, 20);
        DataView dst = DataView.of(inner(whole, 5, 17));
        src.copyTo(dst, 9);
        for (int i = 0; i < 20; i++) {
          double expected = i >= 5 && i < 14 ? i - 5 + 4 : 0;
          assertEquals(expected, whole.getDouble(0, i), 0.0, from + " -> " + to + " at " + i);
        }
      }
    }
  }

  @Test
  void copyToRefusesMoreElementsThanEitherViewHolds() {
    DataView small = DataView.of(Nd4j.zeros(DataType.FLOAT, 1, 4));
    DataView large = DataView.of(Nd4j.zeros(DataType.FLOAT, 1, 8));
    assertThrows(IndexOutOfBoundsException.class, () -> small.copyTo(large, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> large.copyTo(small, 5));
  }

  private static INDArray inner(INDArray row, int from, int to) {
    return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
  }

  @Test
  void copyFromWritesTheRangeAtThePositionRoundedToTheViewsType() {
    double third = 1.0 / 3;
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray whole = Nd4j.zeros(type, 1, 20);
      DataView dst = DataView.of(inner(whole, 5, 17));
      dst.copyFrom(new double[] {9, third, 2 * third, 1, 9}, 1, 4, 3);
      for (int i = 0; i < 20; i++) {
        double expected = i >= 9 && i < 12 ? (i - 8) * third : 0;
        if (type == DataType.FLOAT) {
          expected = (float) expected;
        }
        assertEquals(expected, whole.getDouble(0, i), 0.0, type + " at " + i);
      }
      IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
          () -> dst.copyFrom(new double[5], 0, 10, 3));
      assertEquals("copy of 3 elements from 0 of 5 to 10 of a view of 12", past.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> dst.copyFrom(new double[5], 3, 0, 3));
    }
  }
}
