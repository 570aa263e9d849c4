package dev.backproplab.core.blackbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which inputs each output of a blackbox may depend on: the sparsity pattern of its Jacobian, row by
 * row ({@code rows[i]} = the sorted columns j with {@code J[i][j]} possibly non-zero). Immutable (its colouring is computed once, on first use).
 */
public final class DependencyPattern {
  private final int inputs;
  private final int[][] rows;
  private final int[][] columns;
  /** Computed on first use; a race computes the same immutable value twice. */
  private Colouring colouring;

  private DependencyPattern(int inputs, int[][] rows) {
    if (inputs < 1 || rows.length < 1) {
      throw new IllegalArgumentException("a pattern needs >= 1 input and output, got " + inputs + " x " + rows.length);
    }
    this.inputs = inputs;
    this.rows = new int[rows.length][];
    List<List<Integer>> cols = new ArrayList<>();
    for (int j = 0; j < inputs; j++) {
      cols.add(new ArrayList<>());
    }
    for (int i = 0; i < rows.length; i++) {
      int[] r = rows[i].clone();
      Arrays.sort(r);
      for (int k = 0; k < r.length; k++) {
        if (r[k] < 0 || r[k] >= inputs || (k > 0 && r[k] == r[k - 1])) {
          throw new IllegalArgumentException("pattern row " + i + " lists column " + r[k] + ": expected distinct"
              + " columns in [0, " + inputs + ")");
        }
        cols.get(r[k]).add(i);
      }
      this.rows[i] = r;
    }
    columns = cols.stream().map(c -> c.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /** A pattern from its rows: {@code rows[i]} lists the inputs output i depends on. */
  public static DependencyPattern ofRows(int inputs, int[][] rows) {
    return new DependencyPattern(inputs, rows);
  }

  /** The {@code n x n} band {@code |i - j| <= bandwidth}. */
  public static DependencyPattern banded(int n, int bandwidth) {
    if (bandwidth < 0) {
      throw new IllegalArgumentException("bandwidth must be >= 0, got " + bandwidth);
    }
    int[][] rows = new int[n][];
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - bandwidth);
      int hi = Math.min(n - 1, i + bandwidth);
      rows[i] = new int[hi - lo + 1];
      for (int j = lo; j <= hi; j++) {
        rows[i][j - lo] = j;
      }
    }
    return new DependencyPattern(n, rows);
  }

  /** The {@code n x n} block diagonal of blocks of {@code block} (the last one shorter when it does not divide n). */
  public static DependencyPattern blockDiagonal(int n, int block) {
    if (block < 1) {
      throw new IllegalArgumentException("block must be >= 1, got " + block);
    }
    int[][] rows = new int[n][];
    for (int i = 0; i < n; i++) {
      int lo = i / block * block;
      int hi = Math.min(n, lo + block);
      rows[i] = new int[hi - lo];
      for (int j = lo; j < hi; j++) {
        rows[i][j - lo] = j;
      }
    }
    return new DependencyPattern(n, rows);
  }

  /** n. */
  public int inputs() {
    return inputs;
  }

  /** m. */
  public int outputs() {
    return rows.length;
  }

  /** The sorted inputs output {@code i} depends on (do not modify). */
  public int[] row(int i) {
    return rows[i];
  }

  /** The outputs input {@code j} affects, sorted (do not modify). */
  public int[] column(int j) {
    return columns[j];
  }

  /** The most inputs any output depends on. */
  public int maxRowSize() {
    return Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
  }

  /** The greedy colouring of the column-intersection graph ({@link Colouring#greedy}). */
  public Colouring colouring() {
    Colouring c = colouring;
    if (c == null) {
      c = Colouring.greedy(this);
      colouring = c;
    }
    return c;
  }

  /** Whether {@code J[i][j]} may be non-zero. */
  public boolean contains(int i, int j) {
    return Arrays.binarySearch(rows[i], j) >= 0;
  }
}
