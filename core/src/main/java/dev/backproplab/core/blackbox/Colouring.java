package dev.backproplab.core.blackbox;

import java.util.Arrays;

/**
 * A greedy colouring of a {@link DependencyPattern}'s column-intersection graph: two inputs are
 * adjacent when some output depends on both, so inputs of one colour share no output and can be
 * perturbed together, each output's change then belonging to one input (Curtis, Powell &amp; Reid
 * 1974, "On the estimation of sparse Jacobian matrices"; Coleman &amp; Moré 1983, "Estimation of sparse
 * Jacobian matrices and graph coloring problems"). Columns are coloured in their natural order, each
 * with the smallest colour no neighbour has: optimal for banded patterns ({@code 2 bw + 1} colours) and
 * block-diagonal ones (the block size). Immutable.
 */
public final class Colouring {
  private final int[] colour;
  private final int count;

  private Colouring(int[] colour, int count) {
    this.colour = colour;
    this.count = count;
  }

  /** The greedy colouring of {@code pattern}'s columns. */
  public static Colouring greedy(DependencyPattern pattern) {
    int n = pattern.inputs();
    int[] colour = new int[n];
    Arrays.fill(colour, -1);
    int[] seenBy = new int[n + 1];
    Arrays.fill(seenBy, -1);
    int count = 0;
    for (int j = 0; j < n; j++) {
      for (int i : pattern.column(j)) {
        for (int k : pattern.row(i)) {
          if (colour[k] >= 0) {
            seenBy[colour[k]] = j;
          }
        }
      }
      int c = 0;
      while (seenBy[c] == j) {
        c++;
      }
      colour[j] = c;
      count = Math.max(count, c + 1);
    }
    return new Colouring(colour, count);
  }

  /** The number of colours: the calls a forward-difference recovery spends. */
  public int count() {
    return count;
  }

  /** The colour of input {@code j}, in {@code [0, count())}. */
  public int colour(int j) {
    return colour[j];
  }
}
