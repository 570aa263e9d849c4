package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link DataView#copyTo} between views that start inside larger arrays, of one type and of two. */
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
}
