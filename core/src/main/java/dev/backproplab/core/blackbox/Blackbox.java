package dev.backproplab.core.blackbox;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A function that can only be called: {@link #call} evaluates it (adding Gaussian noise of standard
 * deviation {@link #noise()} to every output when noise is set) and counts the call. It may declare
 * its input-output {@link DependencyPattern}, which the structured estimators need. Estimators reach
 * the function only through {@link #call}, so {@link #calls()} is what recovery cost.
 *
 * <p>Not thread-safe: a blackbox (its counter and noise source) belongs to one thread.
 */
public final class Blackbox {
  private final VectorFunction function;
  private final DependencyPattern pattern;
  private final double noise;
  private final RandomGenerator noiseSource;
  private long calls;

  /**
   * @param function what is called
   * @param pattern its dependency pattern, or null when unknown
   * @param noise standard deviation of the Gaussian noise added to each output of each call (0: none)
   * @param noiseSource the noise's random source (may be null when {@code noise == 0})
   */
  public Blackbox(VectorFunction function, DependencyPattern pattern, double noise, RandomGenerator noiseSource) {
    if (pattern != null && (pattern.inputs() != function.inputs() || pattern.outputs() != function.outputs())) {
      throw new IllegalArgumentException("pattern " + pattern.outputs() + " x " + pattern.inputs()
          + " does not match the function's " + function.outputs() + " x " + function.inputs());
    }
    if (!(noise >= 0) || (noise > 0 && noiseSource == null)) {
      throw new IllegalArgumentException("noise must be >= 0 with a random source when > 0, got " + noise);
    }
    this.function = function;
    this.pattern = pattern;
    this.noise = noise;
    this.noiseSource = noiseSource;
  }

  /** A noiseless blackbox. */
  public Blackbox(VectorFunction function, DependencyPattern pattern) {
    this(function, pattern, 0.0, null);
  }

  /** Calls the function at {@code x}: a new array of its m outputs. Counts one call. */
  public double[] call(double[] x) {
    if (x.length != function.inputs()) {
      throw new IllegalArgumentException("blackbox takes " + function.inputs() + " inputs, got " + x.length);
    }
    double[] out = new double[function.outputs()];
    function.apply(x, out);
    if (noise > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] += noise * noiseSource.nextGaussian();
      }
    }
    calls++;
    return out;
  }

  /** Calls spent so far. */
  public long calls() {
    return calls;
  }

  /** n. */
  public int inputs() {
    return function.inputs();
  }

  /** m. */
  public int outputs() {
    return function.outputs();
  }

  /** The declared dependency pattern, if any. */
  public Optional<DependencyPattern> pattern() {
    return Optional.ofNullable(pattern);
  }

  /**
   * The exact {@code J(x)^T v} of the noiseless function where it has a derivative, else null; not a
   * call (it is the truth estimates are measured against, which a real blackbox would not offer).
   */
  public double[] exactTransposeTimes(double[] x, double[] v) {
    return function.exactTransposeTimes(x, v);
  }
}
