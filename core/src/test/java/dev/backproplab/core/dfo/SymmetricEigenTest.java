package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tred2/tql2 eigensolver against commons-math and against its own reconstruction. */
class SymmetricEigenTest {

  private static double[][] randomSymmetric(int n, SplittableRandom rng, boolean degenerate) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = degenerate ? (i == j ? 2.0 : 0.0) : rng.nextDouble(-1, 1);
        a[i][j] = v;
        a[j][i] = v;
      }
    }
    return a;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 20, 50})
  void matchesCommonsMathAndReconstructs(int n) {
    SplittableRandom rng = new SplittableRandom(n);
    for (boolean degenerate : new boolean[] {false, true}) {
      double[][] a = randomSymmetric(n, rng, degenerate);
      double[] d = new double[n];
      double[][] v = new double[n][n];
      SymmetricEigen.decompose(a, d, v);

      double[] expected = new EigenDecomposition(MatrixUtils.createRealMatrix(a)).getRealEigenvalues();
      Arrays.sort(expected);
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], d[i], 1e-10, "eigenvalue " + i);
        if (i > 0) {
          assertEquals(true, d[i - 1] <= d[i], "ascending");
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double rec = 0;
          double dot = 0;
          for (int k = 0; k < n; k++) {
            rec += v[i][k] * d[k] * v[j][k];
            dot += v[k][i] * v[k][j];
          }
          assertEquals(a[i][j], rec, 1e-10, "V D V^T at " + i + "," + j);
          assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10, "V^T V at " + i + "," + j);
        }
      }
    }
  }
}
