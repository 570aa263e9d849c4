package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Blas#gemm} gives exactly what {@code Nd4j.gemm} gives, bit for bit, for the operands the
 * engine passes: row- and column-major matrices, views that start inside a larger buffer (as a
 * layer's weights start inside the flat parameters), either operand transposed, sizes of 1, alpha and
 * beta other than 1 and 0 with an output that already holds values, in double and float.
 */
class BlasTest {
  private static final int[] SIZES = {1, 2, 7, 16, 33};

  @Test
  void givesNd4jsProductsToTheBit() {
    SplittableRandom rng = new SplittableRandom(20261130L);
    int cases = 0;
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      for (int m : SIZES) {
        for (int n : SIZES) {
          for (int k : SIZES) {
            for (int layouts = 0; layouts < 8; layouts++) {
              boolean ta = rng.nextBoolean();
              boolean tb = rng.nextBoolean();
              char aOrder = (layouts & 1) == 0 ? 'c' : 'f';
              char bOrder = (layouts & 2) == 0 ? 'c' : 'f';
              char cOrder = (layouts & 4) == 0 ? 'c' : 'f';
              double alpha = rng.nextBoolean() ? 1.0 : -0.37;
              double beta = rng.nextBoolean() ? 0.0 : 1.0;
              INDArray a = view(type, ta ? new long[] {k, m} : new long[] {m, k}, aOrder, rng);
              INDArray b = view(type, tb ? new long[] {n, k} : new long[] {k, n}, bOrder, rng);
              INDArray c = view(type, new long[] {m, n}, cOrder, rng);
              INDArray expected = c.dup(cOrder);
              Nd4j.gemm(a, b, expected, ta, tb, alpha, beta);
              Blas.gemm(a, b, c, ta, tb, alpha, beta);
              String what = type + " " + m + "x" + k + " * " + k + "x" + n + " a=" + aOrder + (ta ? "T" : "") + " b="
                  + bOrder + (tb ? "T" : "") + " c=" + cOrder + " alpha=" + alpha + " beta=" + beta;
              assertArrayEquals(expected.dup('c').data().asDouble(), c.dup('c').data().asDouble(), 0.0, what);
              cases++;
            }
          }
        }
      }
    }
    assertEquals(2 * 5 * 5 * 5 * 8, cases);
  }

  @Test
  void readsViewsThatNd4jIndexingAndReshapingMake() {
    SplittableRandom rng = new SplittableRandom(7L);
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      INDArray wide = view(type, new long[] {6, 11}, 'c', rng);
      INDArray a = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 9)); // 6x7, rows 11 apart
      INDArray b = view(type, new long[] {1, 35}, 'c', rng).reshape('c', 7, 5);
      INDArray c = Nd4j.zeros(type, 6, 5);
      INDArray expected = Nd4j.zeros(type, 6, 5);
      Nd4j.gemm(a, b, expected, false, false, 1.0, 0.0);
      Blas.gemm(a, b, c, false, false, 1.0, 0.0);
      assertArrayEquals(expected.data().asDouble(), c.data().asDouble(), 0.0, type.toString());
    }
  }

  @Test
  void goesStraightToOpenBlasOnlyOnNd4jsCpuBackend() {
    assertTrue(Blas.direct(Nd4j.getBackend().getClass().getName()), "these tests run on the CPU backend");
    assertTrue(Blas.direct("org.nd4j.linalg.cpu.nativecpu.CpuBackend"));
    assertFalse(Blas.direct("org.nd4j.linalg.jcublas.JCublasBackend"), "the CUDA build keeps Nd4j.gemm");
  }

  @Test
  void refusesShapesThatDoNotMultiply() {
    INDArray a = Nd4j.zeros(DataType.DOUBLE, 3, 4);
    INDArray b = Nd4j.zeros(DataType.DOUBLE, 5, 2);
    INDArray c = Nd4j.zeros(DataType.DOUBLE, 3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Blas.gemm(a, b, c, false, false, 1.0, 0.0));
    assertTrue(e.getMessage().contains("3x4 x 5x2"), e.getMessage());
  }

  /**
   * A {@code shape} matrix of random values in {@code order}, a view that starts a few elements into a
   * larger buffer whose other elements hold values too.
   */
  private static INDArray view(DataType type, long[] shape, char order, SplittableRandom rng) {
    int offset = 1 + rng.nextInt(5);
    int length = (int) (shape[0] * shape[1]);
    double[] values = new double[offset + length + 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = rng.nextDouble(-1, 1);
    }
    INDArray flat = Nd4j.createFromArray(values).castTo(type).reshape(1, values.length);
    return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, order), offset, order);
  }
}
