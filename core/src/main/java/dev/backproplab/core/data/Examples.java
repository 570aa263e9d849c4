package dev.backproplab.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled examples held in memory: features row-major in one {@code float[]}, one int label per row.
 *
 * <p>{@code sampleShape} describes one example ({@code [d]} for vectors, {@code [channels, height,
 * width]} for images); its product is the number of features per row. Instances are immutable by
 * convention: the arrays are not copied, and no code in this project writes to them after construction.
 */
public record Examples(float[] features, int[] labels, int[] sampleShape, int numClasses) {

  public Examples {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(sampleShape, "sampleShape");
    if (sampleShape.length == 0) {
      throw new IllegalArgumentException("sampleShape must have at least one dimension");
    }
    long d = 1;
    for (int s : sampleShape) {
      if (s <= 0) {
        throw new IllegalArgumentException("Invalid sample shape " + Arrays.toString(sampleShape));
      }
      d *= s;
    }
    if ((long) labels.length * d != features.length) {
      throw new IllegalArgumentException(
          "features has " + features.length + " values, expected " + labels.length + " rows x " + d);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("Invalid number of classes: " + numClasses);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at row " + i + " is outside [0, " + numClasses + ")");
      }
    }
  }

  /** Number of examples (rows). */
  public int size() {
    return labels.length;
  }

  /** Number of features per example: the product of {@link #sampleShape()}. */
  public int numFeatures() {
    int d = 1;
    for (int s : sampleShape) {
      d *= s;
    }
    return d;
  }

  /** The rows {@code idx}, in that order, as new examples with the same shape and classes. */
  public Examples select(int[] idx) {
    int d = numFeatures();
    float[] f = new float[idx.length * d];
    int[] l = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(features, idx[i] * d, f, i * d, d);
      l[i] = labels[idx[i]];
    }
    return new Examples(f, l, sampleShape, numClasses);
  }
}
