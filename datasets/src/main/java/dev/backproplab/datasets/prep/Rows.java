package dev.backproplab.datasets.prep;

import dev.backproplab.core.data.Examples;

/** Copies chosen rows out of row-major data; stateless. */
public final class Rows {
  private Rows() {}

  /** The rows {@code idx} of {@code examples}, in that order, as new examples with the same shape and classes. */
  public static Examples select(Examples examples, int[] idx) {
    int d = examples.numFeatures();
    float[] src = examples.features();
    int[] srcLabels = examples.labels();
    float[] f = new float[idx.length * d];
    int[] l = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(src, idx[i] * d, f, i * d, d);
      l[i] = srcLabels[idx[i]];
    }
    return new Examples(f, l, examples.sampleShape(), examples.numClasses());
  }
}
