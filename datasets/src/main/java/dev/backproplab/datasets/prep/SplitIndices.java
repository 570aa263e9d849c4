package dev.backproplab.datasets.prep;

/** Row indices of a train/test split, each in ascending order; not copied, treat as read-only. */
public record SplitIndices(int[] train, int[] test) {}
