package dev.backproplab.datasets.registry;

/** How features are scaled before training. */
public enum Normalization {
  /** Divide every pixel by the format's largest pixel value (255, or 16 for digits): values in [0, 1]. */
  DIVIDE_BY_PIXEL_MAX,
  /** Subtract each feature's training-split mean and divide by its training-split standard deviation. */
  STANDARDIZE
}
