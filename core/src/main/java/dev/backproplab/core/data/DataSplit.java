package dev.backproplab.core.data;

import java.util.Objects;

/**
 * A named data set, loaded and ready to train on: a training split, a test split, and the SHA-256 of
 * the content it was loaded from (recorded with every trial so a result can be traced to its data).
 */
public record DataSplit(String name, Examples train, Examples test, String sha256) {

  public DataSplit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(sha256, "sha256");
    if (train.numFeatures() != test.numFeatures() || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException(
          "train and test splits of " + name + " disagree in features or classes");
    }
  }
}
