package dev.backproplab.datasets.io;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes,
 * row-major, one image after the other. The array is not copied; treat it as read-only.
 */
public record IdxImages(String file, int count, int rows, int cols, byte[] pixels) {}
