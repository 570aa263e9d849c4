package dev.backproplab.core.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A named data set, loaded and ready to train on: a training split, a validation split held out of
 * the training data (see {@link #holdOut}), a test split, and the SHA-256 of the content it was
 * loaded from (recorded with every trial so a result can be traced to its data).
 *
 * <p>Every choice a sweep makes (early stopping, the best configuration, the summary) looks at the
 * validation split; the test split is only reported.
 *
 * @param validation the held-out split, or null while none has been held out (as a data set is loaded)
 */
public record DataSplit(String name, Examples train, Examples validation, Examples test, String sha256) {
  /** The seed of the holdout's shuffle: one fixed value, so every trial validates on the same rows. */
  static final long HOLDOUT_SEED = 0x5EEDL;

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

  /** A data set as loaded: training and test splits, nothing held out yet. */
  public DataSplit(String name, Examples train, Examples test, String sha256) {
    this(name, train, null, test, sha256);
  }

  /**
   * This data set with {@code holdout}'s share of the training split moved to the validation split:
   * the rows are the first of a Fisher-Yates shuffle seeded with one fixed seed, kept in their
   * original order, so the same data and holdout give the same three splits everywhere.
   *
   * @throws IllegalStateException when a validation split was already held out
   * @throws dev.backproplab.core.InvalidInputException when the holdout leaves no example on a side
   */
  public DataSplit holdOut(Holdout holdout) {
    if (validation != null) {
      throw new IllegalStateException(name + " already has a validation split");
    }
    int n = train.size();
    int k = holdout.size(n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Shuffle.shuffleInPlace(order, new SplittableRandom(HOLDOUT_SEED));
    boolean[] held = new boolean[n];
    for (int i = 0; i < k; i++) {
      held[order[i]] = true;
    }
    int[] keep = new int[n - k];
    int[] out = new int[k];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (held[i]) {
        out[b++] = i;
      } else {
        keep[a++] = i;
      }
    }
    return new DataSplit(name, train.select(keep), train.select(out), test, sha256);
  }
}
