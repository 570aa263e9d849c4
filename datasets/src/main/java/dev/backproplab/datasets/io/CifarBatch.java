package dev.backproplab.datasets.io;

/**
 * One CIFAR-10 binary batch: {@code labels.length} images of 3x32x32 unsigned bytes, each stored as
 * 1024 red, then 1024 green, then 1024 blue values, row-major ({@code [channel, row, col]}). The arrays
 * are not copied; treat them as read-only.
 */
public record CifarBatch(String file, byte[] pixels, int[] labels) {

  /** Number of images. */
  public int count() {
    return labels.length;
  }
}
