package dev.backproplab.core.dfo;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * An immutable, validated description of a derivative-free optimizer: a factory of single-use {@link
 * AskTellOptimizer}s of type {@code O}. A config says what to do, never where it runs.
 *
 * <p>Thread-safe (immutable) and serializable, so a config made once on a driver travels to the
 * executors that run it. Each {@link #create} call returns an independent optimizer.
 */
public sealed interface OptimizerConfig<O extends AskTellOptimizer> extends Serializable
    permits CmaEsConfig, SepCmaEsConfig, GaConfig, NelderMeadConfig, SaConfig, EsConfig {

  /** The short name used in sweep specs and result rows, e.g. {@code "cmaes"}. */
  String name();

  /** The shared stop criteria. */
  EvaluationBudget budget();

  /**
   * A fresh optimizer starting at {@code x0} (whose length is the dimension), drawing all its
   * randomness from {@code random}, which it owns from now on (pass {@code rng.split()} to keep
   * yours).
   */
  O create(double[] x0, SplittableRandom random);

  /** As {@link #create(double[], SplittableRandom)} with {@code new SplittableRandom(seed)}. */
  default O create(double[] x0, long seed) {
    return create(x0, new SplittableRandom(seed));
  }
}
