package dev.backproplab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vector kernels against the scalar ones on the same inputs: bit for bit on double arrays and for the
 * one-operation float passes, within a few float roundings for the others on float arrays. Lengths are not multiples of the lane count, so the tails run
 * too, and views start at an offset inside a larger array.
 */
class KernelsTest {
  private static final Kernels SCALAR = Kernels.scalar();
  private static final Kernels VECTOR = Kernels.vector().orElseThrow(
      () -> new AssertionError("the tests run with --add-modules=jdk.incubator.vector (surefire's argLine)"));
  private static final int ROWS = 7;
  private static final int COLS = 37;

  @Test
  void theVectorKernelsAreChosenWhenTheModuleIsPresent() {
    assertTrue(Kernels.get().describe().startsWith("vector"), Kernels.get().describe());
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class)
  void biasActivationAndDerivativeMatch(Activation f) {
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      DataView[] s = views(type, 1, ROWS * COLS, COLS);
      DataView[] v = views(type, 1, ROWS * COLS, COLS);
      SCALAR.biasActivation(s[0], s[1], ROWS, COLS, f);
      VECTOR.biasActivation(v[0], v[1], ROWS, COLS, f);
      assertClose(s[0], v[0], type, true);
      DataView[] sd = views(type, 2, ROWS * COLS);
      DataView[] vd = views(type, 2, ROWS * COLS);
      SCALAR.multiplyByDerivative(sd[0], s[0], ROWS * COLS, f);
      VECTOR.multiplyByDerivative(vd[0], v[0], ROWS * COLS, f);
      assertClose(sd[0], vd[0], type, false);
    }
  }

  @Test
  void reluSendsNanToZeroInBothAsTheScalarLoopDid() {
    for (Kernels k : new Kernels[] {SCALAR, VECTOR}) {
      DataView out = DataView.of(Nd4j.create(DataType.FLOAT, 1, 32));
      out.set(3, Double.NaN);
      k.biasActivation(out, DataView.of(Nd4j.create(DataType.FLOAT, 1, 32)), 1, 32, Activation.RELU);
      assertEquals(0.0, out.get(3), k.describe());
    }
  }

  @Test
  void columnSumsAndLoadMatch() {
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      DataView[] s = views(type, 3, ROWS * COLS, COLS);
      DataView[] v = views(type, 3, ROWS * COLS, COLS);
      SCALAR.columnSums(s[0], ROWS, COLS, s[1]);
      VECTOR.columnSums(v[0], ROWS, COLS, v[1]);
      assertClose(s[1], v[1], type, true);
      float[] src = new float[ROWS * COLS + 5];
      for (int i = 0; i < src.length; i++) {
        src[i] = i * 0.37f - 3;
      }
      SCALAR.load(src, 5, s[0], 3, ROWS * COLS - 3);
      VECTOR.load(src, 5, v[0], 3, ROWS * COLS - 3);
      assertClose(s[0], v[0], type, true);
      assertEquals(src[5], s[0].get(3), 0.0);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
  void updatersMatch(DataType type) {
    int n = 1001;
    for (int kind = 0; kind < 5; kind++) {
      DataView[] s = views(type, 4, n, n, n, n);
      DataView[] v = views(type, 4, n, n, n, n);
      for (int step = 0; step < 3; step++) {
        for (Object[] pair : new Object[][] {{SCALAR, s}, {VECTOR, v}}) {
          Kernels k = (Kernels) pair[0];
          DataView[] a = (DataView[]) pair[1];
          switch (kind) {
            case 0 -> k.sgd(a[0], a[1], 0.05);
            case 1 -> k.momentum(a[0], a[1], a[2], 0.9, 0.05, false);
            case 2 -> k.momentum(a[0], a[1], a[2], 0.9, 0.05, true);
            case 3 -> k.adam(a[0], a[1], a[2], a[3], 0.9, 0.999, 0.01, 1e-8);
            default -> k.addScaled(a[2], a[1], 1e-3, a[0]);
          }
        }
      }
      assertClose(s[0], v[0], type, false);
      assertClose(s[2], v[2], type, false);
    }
  }

  /** Views of fresh random arrays of the given lengths, each starting 3 elements into its array. */
  private static DataView[] views(DataType type, long seed, int... lengths) {
    SplittableRandom rng = new SplittableRandom(seed);
    DataView[] out = new DataView[lengths.length];
    for (int a = 0; a < lengths.length; a++) {
      var whole = Nd4j.create(type, 1, lengths[a] + 3);
      var view = Nd4j.create(whole.data(), new long[] {1, lengths[a]}, new long[] {lengths[a], 1}, 3, 'c');
      out[a] = DataView.of(view);
      for (int i = 0; i < lengths[a]; i++) {
        out[a].set(i, a == 3 ? rng.nextDouble() : rng.nextGaussian());
      }
    }
    return out;
  }

  /**
   * Equal for doubles and for single-operation float passes ({@code exact}); otherwise within 1e-6 of
   * the operands' scale (1): a few float roundings where the scalar pass rounds once.
   */
  private static void assertClose(DataView expected, DataView actual, DataType type, boolean exact) {
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    if (type == DataType.DOUBLE || exact) {
      assertArrayEquals(e, a, 0.0);
      return;
    }
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], 1e-6 * Math.max(1.0, Math.abs(e[i])), "element " + i);
    }
  }
}
