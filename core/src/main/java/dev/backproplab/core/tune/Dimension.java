package dev.backproplab.core.tune;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;
import java.util.List;

/**
 * One dimension of a {@link SearchSpace}: a real interval (linear or log scale), an integer interval
 * (linear or log scale) or a categorical choice. Every dimension is encoded on [0, 1]: a real or integer
 * value {@code v} as {@code (t(v) - t(low)) / (t(high) - t(low))} with {@code t} the identity or the
 * natural log; an integer is decoded from the continuous coordinate by rounding to the nearest integer of
 * [low, high] (on the log scale for log integers, over the cell {@code [low - 0.5, high + 0.5]} so each
 * integer owns an equal share of the coordinate on a linear scale); a choice of {@code k} values by the cell
 * {@code floor(u k)}. Coordinates outside [0, 1] are clipped first.
 *
 * @param name the parameter (a method parameter, or {@code hidden} for the model's hidden widths)
 * @param kind the kind of dimension
 * @param low lower bound (reals, integers)
 * @param high upper bound (reals, integers)
 * @param log whether the scale is logarithmic (LOGUNIFORM always; INT when {@code log: true})
 * @param choices the values (CHOICE), as parsed from the sweep file (numbers, text, lists)
 */
public record Dimension(String name, Kind kind, double low, double high, boolean log, List<Object> choices)
    implements Serializable {

  /** The kinds of dimension, as named in sweep files. */
  public enum Kind {
    UNIFORM,
    LOGUNIFORM,
    INT,
    CHOICE
  }

  public Dimension {
    choices = List.copyOf(choices);
    if (kind == Kind.CHOICE) {
      if (choices.isEmpty()) {
        throw new InvalidInputException(name + ": choice needs at least one value");
      }
    } else {
      if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
        throw new InvalidInputException(name + ": expected [low, high] with low < high, got [" + low + ", " + high
            + "]");
      }
      if (log && !(low > 0)) {
        throw new InvalidInputException(name + ": a log scale needs low > 0, got " + low);
      }
      if (kind == Kind.INT && (low != Math.rint(low) || high != Math.rint(high))) {
        throw new InvalidInputException(name + ": int needs integer bounds, got [" + low + ", " + high + "]");
      }
    }
  }

  /** A real interval, on a log scale when {@code log}. */
  public static Dimension real(String name, double low, double high, boolean log) {
    return new Dimension(name, log ? Kind.LOGUNIFORM : Kind.UNIFORM, low, high, log, List.of());
  }

  /** An integer interval, on a log scale when {@code log}. */
  public static Dimension integer(String name, long low, long high, boolean log) {
    return new Dimension(name, Kind.INT, low, high, log, List.of());
  }

  /** A categorical choice. */
  public static Dimension choice(String name, List<Object> choices) {
    return new Dimension(name, Kind.CHOICE, 0, 0, false, choices);
  }

  /** Whether this dimension is categorical (no order: CMA-ES and Nelder-Mead do not search it). */
  public boolean categorical() {
    return kind == Kind.CHOICE;
  }

  /** The value at coordinate {@code u} (clipped to [0, 1]): a Double, a Long or one of the choices. */
  public Object decode(double u) {
    double c = Double.isNaN(u) ? 0.5 : Math.min(1, Math.max(0, u));
    if (kind == Kind.CHOICE) {
      return choices.get(Math.min(choices.size() - 1, (int) Math.floor(c * choices.size())));
    }
    if (kind == Kind.INT) {
      double lo = log ? Math.log(low - 0.5) : low - 0.5;
      double hi = log ? Math.log(high + 0.5) : high + 0.5;
      double v = lo + c * (hi - lo);
      long r = Math.round(log ? Math.exp(v) : v);
      return Math.max((long) low, Math.min((long) high, r));
    }
    double v = log ? Math.exp(Math.log(low) + c * (Math.log(high) - Math.log(low))) : low + c * (high - low);
    return Math.min(high, Math.max(low, v)); // exp(log(high)) may round past high
  }

  /** The values at the two ends of the coordinate (for checking them against the method's schema). */
  public List<Object> extremes() {
    return kind == Kind.CHOICE ? choices : List.of(decode(0), decode(1));
  }
}
