package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A distribution a random search draws one hyperparameter from: {@code uniform: [a, b]},
 * {@code loguniform: [a, b]} (uniform in log space, a &gt; 0) or {@code choice: [v1, v2, ...]}.
 * Integer parameters draw uniform integers in [a, b].
 *
 * @param kind the distribution
 * @param values the bounds (uniform, loguniform) or the choices, as parsed from the sweep file
 */
public record Distribution(Kind kind, List<Object> values) {

  /** The distribution families. */
  public enum Kind {
    UNIFORM,
    LOGUNIFORM,
    CHOICE
  }

  public Distribution {
    values = List.copyOf(values);
    if (kind == Kind.CHOICE) {
      if (values.isEmpty()) {
        throw new InvalidInputException("choice needs at least one value");
      }
    } else {
      if (values.size() != 2
          || !(values.get(0) instanceof Number)
          || !(values.get(1) instanceof Number)) {
        throw new InvalidInputException(
            kind.name().toLowerCase() + " needs two numbers [low, high], got " + values);
      }
      double lo = ((Number) values.get(0)).doubleValue();
      double hi = ((Number) values.get(1)).doubleValue();
      if (!(lo < hi)) {
        throw new InvalidInputException(
            kind.name().toLowerCase() + " needs low < high, got [" + lo + ", " + hi + "]");
      }
      if (kind == Kind.LOGUNIFORM && !(lo > 0)) {
        throw new InvalidInputException("loguniform needs low > 0, got " + lo);
      }
    }
  }

  /** One draw; {@code integer} draws whole numbers (for integer parameters). */
  Object draw(RandomGenerator rng, boolean integer) {
    if (kind == Kind.CHOICE) {
      return values.get(rng.nextInt(values.size()));
    }
    double lo = ((Number) values.get(0)).doubleValue();
    double hi = ((Number) values.get(1)).doubleValue();
    if (integer) {
      double v = kind == Kind.LOGUNIFORM
          ? Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi + 1) - Math.log(lo)))
          : lo + rng.nextDouble() * (hi + 1 - lo);
      return (long) Math.min(Math.floor(v), hi);
    }
    return kind == Kind.LOGUNIFORM
        ? Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)))
        : lo + rng.nextDouble() * (hi - lo);
  }
}
