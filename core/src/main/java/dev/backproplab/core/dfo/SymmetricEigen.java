package dev.backproplab.core.dfo;

/**
 * Eigendecomposition of a real symmetric matrix by Householder tridiagonalisation followed by the
 * implicit QL algorithm (the EISPACK routines tred2 and tql2, as used in Hansen's reference CMA-ES
 * code). {@code A = V diag(d) V^T}, eigenvalues ascending, eigenvectors in the columns of V.
 *
 * <p>Stateless; thread-safe. O(n^3) time, works in place on the caller's arrays.
 */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * Decomposes {@code a} (symmetric; only its lower triangle is read) into eigenvalues {@code d}
   * (length n, ascending) and eigenvectors {@code v} (n x n, column j belongs to d[j]).
   */
  static void decompose(double[][] a, double[] d, double[][] v) {
    int n = d.length;
    double[][] w = new double[n][n];
    decomposeTransposed(a, d, w);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        v[i][j] = w[j][i];
      }
    }
  }

  /**
   * Like {@link #decompose} with the eigenvectors in the rows of {@code vt} ({@code vt[j]} belongs to
   * d[j]): no transposition and no n x n array of its own, the form a caller that multiplies by V
   * column by column wants.
   */
  static void decomposeTransposed(double[][] a, double[] d, double[][] vt) {
    int n = d.length;
    // The EISPACK loops run down columns of V; on Java's row arrays that strides through memory.
    // They run here on W = V^T instead (every v[i][j] of the original written w[j][i]), so the inner
    // loops walk rows: the same arithmetic in the same order, hence the same numbers, several times
    // faster for large n.
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        vt[j][i] = a[i][j];
        vt[i][j] = a[i][j];
      }
    }
    double[] e = new double[n];
    tred2(n, vt, d, e);
    tql2(n, vt, d, e);
  }

  private static void tred2(int n, double[][] w, double[] d, double[] e) {
    for (int j = 0; j < n; j++) {
      d[j] = w[j][n - 1];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = w[j][i - 1];
          w[j][i] = 0;
          w[i][j] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          w[i][j] = f;
          g = e[j] + w[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += w[j][k] * d[k];
            e[k] += w[j][k] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            w[j][k] -= (f * e[k] + g * d[k]);
          }
          d[j] = w[j][i - 1];
          w[j][i] = 0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      w[i][n - 1] = w[i][i];
      w[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = w[i + 1][k] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += w[i + 1][k] * w[j][k];
          }
          for (int k = 0; k <= i; k++) {
            w[j][k] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        w[i + 1][k] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = w[j][n - 1];
      w[j][n - 1] = 0;
    }
    w[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  private static void tql2(int n, double[][] w, double[] d, double[] e) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
        m++;
      }
      if (m > l) {
        int iter = 0;
        do {
          if (++iter > 60) {
            throw new ArithmeticException("tql2 did not converge");
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.hypot(p, 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            for (int k = 0; k < n; k++) {
              h = w[i + 1][k];
              w[i + 1][k] = s * w[i][k] + c * h;
              w[i][k] = c * w[i][k] - s * h;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    // selection sort, ascending
    for (int i = 0; i < n - 1; i++) {
      int k = i;
      double p = d[i];
      for (int j = i + 1; j < n; j++) {
        if (d[j] < p) {
          k = j;
          p = d[j];
        }
      }
      if (k != i) {
        d[k] = d[i];
        d[i] = p;
        for (int j = 0; j < n; j++) {
          double t = w[i][j];
          w[i][j] = w[k][j];
          w[k][j] = t;
        }
      }
    }
  }
}
