package dev.backproplab.core.dfo;

import dev.backproplab.core.InvalidInputException;

/** Guava-style precondition helpers for the package (no Guava dependency). */
final class Checks {
  private Checks() {}

  /** The caller's fault (API misuse): throws {@link IllegalArgumentException}. */
  static void checkArgument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /** The object's state does not allow the call: throws {@link IllegalStateException}. */
  static void checkState(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(format, args));
    }
  }

  /** A configuration value from the user is bad: throws {@link InvalidInputException}. */
  static void checkConfig(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new InvalidInputException(String.format(format, args));
    }
  }

  /** Checks an initial point: non-null, non-empty, finite. */
  static double[] checkInitialPoint(double[] x0) {
    checkArgument(x0 != null, "initial point is null");
    checkArgument(x0.length > 0, "initial point has dimension 0");
    for (int i = 0; i < x0.length; i++) {
      checkArgument(Double.isFinite(x0[i]), "initial point[%d] is %s, expected finite", i, x0[i]);
    }
    return x0.clone();
  }
}
