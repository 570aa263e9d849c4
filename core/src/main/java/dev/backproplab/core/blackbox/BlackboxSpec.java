package dev.backproplab.core.blackbox;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Suggest;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A blackbox layer in a network (the model key {@code blackbox: {after: 1, function: banded, noise:
 * 0.01, estimator: colouring}}): a width-preserving function inserted after dense hidden layer
 * {@code after} (1-based), called one example at a time, and the estimator that carries the error
 * back through it (Choromanski &amp; Sindhwani 2017, "On Blackbox Backpropagation and Jacobian Sensing").
 *
 * <p>Functions: {@code quantize} rounds each input to a multiple of {@code 1/levels} (no useful
 * derivative; its pattern is the diagonal); {@code banded} and {@code block} are {@code tanh(A x)} with
 * {@code A = I + 0.5 N(0, 1/s)} on a band of half-width {@code bandwidth} or on diagonal blocks of
 * {@code block} inputs (s the row size), with their pattern declared; {@code smooth} is the same map
 * with a dense {@code A} and no pattern declared. The last three have an exact derivative, which
 * {@code estimator: exact} uses (bp through the true Jacobian) and against which the estimates' angle
 * is measured. Gaussian {@code noise} of the given standard deviation is added to every output of every
 * call, the forward pass's included.
 *
 * <p>Estimators: {@code exact}; {@code forward}, {@code central} (n, 2n calls per example);
 * {@code colouring} (the colour count of the pattern per example); {@code gaussian}, {@code antithetic}
 * and {@code sparse} (L1 decoding; {@code calls} per example, required). {@code step} is the
 * perturbation: by default one quantisation level for {@code quantize} (forward differences then give
 * the straight-through estimator), else 1e-3 for differences (a float32
 * network's activations carry about 1e-7 of rounding, so a smaller step loses digits) and 0.1 for
 * random perturbations.
 *
 * @param after the dense hidden layer (1-based) the blackbox follows
 * @param function quantize, banded, block or smooth
 * @param noise standard deviation of the output noise (>= 0)
 * @param estimator exact, forward, central, colouring, gaussian, antithetic or sparse
 * @param calls calls per example for gaussian, antithetic and sparse; 0 for the others
 * @param step perturbation scale (> 0)
 * @param bandwidth half-width of the band (banded)
 * @param block block size (block)
 * @param levels quantisation levels per unit (quantize)
 */
public record BlackboxSpec(int after, String function, double noise, String estimator, int calls, double step,
    int bandwidth, int block, int levels) implements Serializable {

  public static final List<String> FUNCTIONS = List.of("quantize", "banded", "block", "smooth");
  public static final List<String> ESTIMATORS =
      List.of("exact", "forward", "central", "colouring", "gaussian", "antithetic", "sparse");
  static final Set<String> KEYS =
      Set.of("after", "function", "noise", "estimator", "calls", "step", "bandwidth", "block", "levels");
  private static final Set<String> RANDOM = Set.of("gaussian", "antithetic", "sparse");

  public BlackboxSpec {
    check(after >= 1, "after", after, "an integer >= 1 (the dense hidden layer, 1-based, the blackbox follows)");
    check(FUNCTIONS.contains(function), "function", function, "one of " + FUNCTIONS);
    check(ESTIMATORS.contains(estimator), "estimator", estimator, "one of " + ESTIMATORS);
    check(noise >= 0 && Double.isFinite(noise), "noise", noise, "a standard deviation >= 0");
    check(step > 0 && Double.isFinite(step), "step", step, "a perturbation > 0");
    check(bandwidth >= 0, "bandwidth", bandwidth, "an integer >= 0");
    check(block >= 1, "block", block, "an integer >= 1");
    check(levels >= 1, "levels", levels, "an integer >= 1");
    if (RANDOM.contains(estimator)) {
      check(calls >= 1, "calls", calls, "an integer >= 1: estimator " + estimator + " spends that many calls per example");
      check(!estimator.equals("antithetic") || calls % 2 == 0, "calls", calls, "an even number (antithetic pairs)");
    } else {
      check(calls == 0, "calls", calls, "no value: estimator " + estimator + " spends a fixed number of calls");
    }
    check(!(function.equals("quantize") && estimator.equals("exact")), "estimator", estimator,
        "an estimate: quantize has no useful derivative (its derivative is 0 almost everywhere)");
    check(!(function.equals("smooth") && estimator.equals("colouring")), "estimator", estimator,
        "one that needs no dependency pattern: smooth declares none (banded and block do)");
  }

  private static void check(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new InvalidInputException("model blackbox." + key + " = " + value + ": expected " + expected);
    }
  }

  /**
   * A spec from the scalars of a sweep file's {@code blackbox} mapping: integers as {@link Long}, numbers
   * as {@link Number}, names as strings. Unknown keys are errors naming the nearest known one.
   */
  public static BlackboxSpec of(Map<String, Object> keys) {
    for (String k : keys.keySet()) {
      if (!KEYS.contains(k)) {
        throw new InvalidInputException("model blackbox: unknown key '" + k + "'" + Suggest.didYouMean(k, KEYS)
            + "; expected some of " + new TreeSet<>(KEYS));
      }
    }
    for (String required : List.of("after", "function", "estimator")) {
      if (!keys.containsKey(required)) {
        throw new InvalidInputException("model blackbox: the required key '" + required + "' is missing;"
            + " expected e.g. {after: 1, function: banded, noise: 0.01, estimator: colouring}");
      }
    }
    String function = text(keys, "function");
    String estimator = text(keys, "estimator");
    int levels = integer(keys, "levels", 4);
    double defaultStep = function.equals("quantize") ? 1.0 / levels : RANDOM.contains(estimator) ? 0.1 : 1e-3;
    return new BlackboxSpec(integer(keys, "after", 0), function, number(keys, "noise", 0.0), estimator,
        integer(keys, "calls", 0), number(keys, "step", defaultStep), integer(keys, "bandwidth", 3),
        integer(keys, "block", 8), levels);
  }

  private static String text(Map<String, Object> keys, String key) {
    Object v = keys.get(key);
    if (!(v instanceof String s)) {
      throw new InvalidInputException("model blackbox." + key + " = " + v + ": expected a name");
    }
    return s;
  }

  private static int integer(Map<String, Object> keys, String key, int fallback) {
    Object v = keys.getOrDefault(key, (long) fallback);
    if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new InvalidInputException("model blackbox." + key + " = " + v + ": expected an integer");
    }
    return (int) (long) l;
  }

  private static double number(Map<String, Object> keys, String key, double fallback) {
    Object v = keys.getOrDefault(key, fallback);
    if (!(v instanceof Number n)) {
      throw new InvalidInputException("model blackbox." + key + " = " + v + ": expected a number");
    }
    return n.doubleValue();
  }

  /** Whether the function has an exact derivative to compare estimates with. */
  public boolean hasDerivative() {
    return !function.equals("quantize");
  }

  /** The function on {@code width} inputs, its random entries drawn from {@code rng}. */
  public VectorFunction function(int width, RandomGenerator rng) {
    return switch (function) {
      case "quantize" -> new Quantiser(width, levels);
      case "banded" -> new SmoothMap(LinearMap.nearIdentity(DependencyPattern.banded(width, bandwidth), 0.5, rng));
      case "block" -> new SmoothMap(LinearMap.nearIdentity(DependencyPattern.blockDiagonal(width, block), 0.5, rng));
      default -> new SmoothMap(LinearMap.nearIdentity(DependencyPattern.banded(width, width), 0.5, rng));
    };
  }

  /** The pattern the blackbox declares on {@code width} inputs, or null ({@code smooth}). */
  public DependencyPattern pattern(int width) {
    return switch (function) {
      case "quantize" -> DependencyPattern.banded(width, 0);
      case "banded" -> DependencyPattern.banded(width, bandwidth);
      case "block" -> DependencyPattern.blockDiagonal(width, block);
      default -> null;
    };
  }

  /** The estimator, or null for {@code exact}. */
  public JacobianEstimator estimatorOrNull() {
    return switch (estimator) {
      case "forward" -> new FiniteDifferences(step, false);
      case "central" -> new FiniteDifferences(step, true);
      case "colouring" -> new ColouredDifferences(step, false);
      case "gaussian" -> new RandomDirections(calls, step, false);
      case "antithetic" -> new RandomDirections(calls, step, true);
      case "sparse" -> SparseRecovery.l1(calls, step);
      default -> null;
    };
  }

  /** E.g. {@code bb1:banded3/n0.01/colouring/h0.0001}: part of a model's description and trial ids. */
  public String describe() {
    String fn = switch (function) {
      case "quantize" -> "quantize" + levels;
      case "banded" -> "banded" + bandwidth;
      case "block" -> "block" + block;
      default -> "smooth";
    };
    return "bb" + after + ":" + fn + "/n" + noise + "/" + estimator + (calls > 0 ? calls : "") + "/h" + step;
  }
}
