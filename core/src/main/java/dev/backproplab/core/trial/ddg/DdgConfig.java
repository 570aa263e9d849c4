package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.Trainer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The configuration of a {@code ddg} trial (decoupled parallel backprop; Huo, Gu, Yang &amp; Huang,
 * ICML 2018).
 *
 * @param gradient updater, batch size, precision (each module keeps its own updater state)
 * @param modules K, the number of modules trained at once, at least 1 (1 is backprop)
 * @param delayedWeights which weights a module's delayed backward pass uses
 */
public record DdgConfig(GradientConfig gradient, int modules, DelayedWeights delayedWeights) implements MethodConfig {

  /** The method's name. */
  public static final String METHOD = "ddg";

  /**
   * Which weights module k uses for the backward pass of a minibatch it forwarded K - 1 - k updates
   * ago.
   */
  public enum DelayedWeights {
    /**
     * The module's current weights, at the input it stored for that minibatch: the forward pass is
     * run again on the stored input, then backprop, as the paper's reference code does: the gradient
     * of the current module at a stale input and a stale output error. Costs one more forward pass of
     * the module per step.
     */
    CURRENT,
    /**
     * The weights of the step that made the activations: the module keeps its activations and a copy
     * of its weights with each stored minibatch and back-propagates through those. The exact
     * gradient of the old module; no forward pass again, a weight copy instead.
     */
    FORWARD
  }

  public DdgConfig {
    if (modules < 1) {
      throw new IllegalArgumentException("modules must be >= 1, got " + modules);
    }
    if (delayedWeights == null) {
      throw new IllegalArgumentException("delayedWeights is required");
    }
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public DataType dataType() {
    return gradient.dataType();
  }

  /** One core per module. */
  @Override
  public int cores() {
    return modules;
  }

  @Override
  public Trainer trainer() {
    return new DdgTrainer(this, DdgTrainer.ModuleThreads.NONE);
  }
}
