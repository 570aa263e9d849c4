package dev.backproplab.datasets.io;

/** The content of an IDX label file: one label per example, each checked to be in {@code [0, numClasses)}. */
public record IdxLabels(String file, int[] labels) {

  /** Number of labels. */
  public int count() {
    return labels.length;
  }
}
