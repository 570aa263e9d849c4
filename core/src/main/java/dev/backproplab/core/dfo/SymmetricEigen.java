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
    double[] scratch = new double[n];
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
        symmetricProduct(w, d, e, i);
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
        accumulate(w, d, i, scratch);
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

  /**
   * tred2's product of the trailing upper triangle with d: for each row j &lt; i, {@code w[i][j] = d[j]},
   * {@code e[j] += w[j][j] d[j] + sum over j &lt; k &lt; i of w[j][k] d[k]}, and {@code e[k] += w[j][k]
   * d[j]} for j &lt; k &lt; i. Rows go four at a time, so that four sums run side by side instead of one
   * waiting on the last addition; every sum still adds the same terms in the original order, so the
   * result is the same to the bit.
   */
  private static void symmetricProduct(double[][] w, double[] d, double[] e, int i) {
    int j = 0;
    for (; j + 4 <= i; j += 4) {
      double[] w0 = w[j];
      double[] w1 = w[j + 1];
      double[] w2 = w[j + 2];
      double[] w3 = w[j + 3];
      double f0 = d[j];
      double f1 = d[j + 1];
      double f2 = d[j + 2];
      double f3 = d[j + 3];
      w[i][j] = f0;
      w[i][j + 1] = f1;
      w[i][j + 2] = f2;
      w[i][j + 3] = f3;
      // the corner where the four rows start one after another
      double g0 = e[j] + w0[j] * f0;
      for (int k = j + 1; k <= j + 3; k++) {
        g0 += w0[k] * d[k];
        e[k] += w0[k] * f0;
      }
      double g1 = e[j + 1] + w1[j + 1] * f1;
      for (int k = j + 2; k <= j + 3; k++) {
        g1 += w1[k] * d[k];
        e[k] += w1[k] * f1;
      }
      double g2 = e[j + 2] + w2[j + 2] * f2;
      g2 += w2[j + 3] * d[j + 3];
      e[j + 3] += w2[j + 3] * f2;
      double g3 = e[j + 3] + w3[j + 3] * f3;
      for (int k = j + 4; k < i; k++) {
        double dk = d[k];
        double a0 = w0[k];
        double a1 = w1[k];
        double a2 = w2[k];
        double a3 = w3[k];
        g0 += a0 * dk;
        g1 += a1 * dk;
        g2 += a2 * dk;
        g3 += a3 * dk;
        e[k] = e[k] + a0 * f0 + a1 * f1 + a2 * f2 + a3 * f3;
      }
      e[j] = g0;
      e[j + 1] = g1;
      e[j + 2] = g2;
      e[j + 3] = g3;
    }
    for (; j < i; j++) {
      double f = d[j];
      w[i][j] = f;
      double g = e[j] + w[j][j] * f;
      for (int k = j + 1; k < i; k++) {
        g += w[j][k] * d[k];
        e[k] += w[j][k] * f;
      }
      e[j] = g;
    }
  }

  /**
   * tred2's accumulation of the transformations, for rows j &lt;= i: {@code g = w[i+1][0..i] . w[j][0..i]},
   * then {@code w[j][0..i] -= g d}, with g in {@code g[0..i]}. Row j's g is read before row j changes, and no other row's update
   * touches row j, so all the dot products can go first.
   */
  private static void accumulate(double[][] w, double[] d, int i, double[] g) {
    rowDots(w, i + 1, w[i + 1], i + 1, g);
    for (int j = 0; j <= i; j++) {
      subtractScaled(w[j], g[j], d, i);
    }
  }

  /**
   * {@code out[j] = sum over k < length of rows[j][k] x[k]} for {@code j < count}, four rows at a time
   * so that four sums run side by side instead of one waiting on its last addition; each sum adds its
   * terms in index order, as a plain loop would, so the results are the same to the bit.
   */
  static void rowDots(double[][] rows, int count, double[] x, int length, double[] out) {
    int j = 0;
    for (; j + 3 < count; j += 4) {
      double[] r0 = rows[j];
      double[] r1 = rows[j + 1];
      double[] r2 = rows[j + 2];
      double[] r3 = rows[j + 3];
      double g0 = 0;
      double g1 = 0;
      double g2 = 0;
      double g3 = 0;
      for (int k = 0; k < length; k++) {
        double xk = x[k];
        g0 += r0[k] * xk;
        g1 += r1[k] * xk;
        g2 += r2[k] * xk;
        g3 += r3[k] * xk;
      }
      out[j] = g0;
      out[j + 1] = g1;
      out[j + 2] = g2;
      out[j + 3] = g3;
    }
    for (; j < count; j++) {
      double[] r = rows[j];
      double g = 0;
      for (int k = 0; k < length; k++) {
        g += r[k] * x[k];
      }
      out[j] = g;
    }
  }

  /** {@code r[0..last] -= g d[0..last]}. */
  private static void subtractScaled(double[] r, double g, double[] d, int last) {
    for (int k = 0; k <= last; k++) {
      r[k] -= g * d[k];
    }
  }

  private static void tql2(int n, double[][] w, double[] d, double[] e) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    Rotations rotations = new Rotations(n);
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
            rotations.add(w, i, c, s);
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    rotations.apply(w);
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

  /**
   * The Givens rotations tql2 applies to pairs of W's rows, recorded and applied later in bulk. The
   * rotations depend only on d and e, never on W, so they can wait; applied one after another, each
   * streams two whole rows through the cache, and a QL sweep streams W, which for large n lives in
   * memory. Applied here a block of columns at a time, every recorded rotation on the block before the
   * next block, W is read from memory once per flush. Each element goes through the same rotations in
   * the same order, so the result is the same to the bit.
   */
  private static final class Rotations {
    /** At most this many rotations wait (1.5 MB); a QL run on n x n makes about n^2 of them. */
    private static final int MAX_CAPACITY = 1 << 16;
    private final int capacity;
    private final int[] row;
    private final double[] cos;
    private final double[] sin;
    /** Columns per block: the block's part of all n rows takes about 512 KB, an L2 cache. */
    private final int block;
    private int size;

    Rotations(int n) {
      block = Math.max(8, (1 << 16) / Math.max(1, n));
      capacity = (int) Math.min(MAX_CAPACITY, Math.max(16L, (long) n * n));
      row = new int[capacity];
      cos = new double[capacity];
      sin = new double[capacity];
    }

    /** Records the rotation of rows i and i + 1 by (c, s); applies the log when it is full. */
    void add(double[][] w, int i, double c, double s) {
      if (size == capacity) {
        apply(w);
      }
      row[size] = i;
      cos[size] = c;
      sin[size] = s;
      size++;
    }

    /** Applies every recorded rotation, in order, and empties the log. */
    void apply(double[][] w) {
      int n = w.length;
      for (int k0 = 0; k0 < n; k0 += block) {
        int k1 = Math.min(n, k0 + block);
        for (int t = 0; t < size; t++) {
          double[] a = w[row[t]];
          double[] b = w[row[t] + 1];
          double c = cos[t];
          double s = sin[t];
          for (int k = k0; k < k1; k++) {
            double h = b[k];
            b[k] = s * a[k] + c * h;
            a[k] = c * a[k] - s * h;
          }
        }
      }
      size = 0;
    }
  }
}
