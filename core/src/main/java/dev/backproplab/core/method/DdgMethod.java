package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.ddg.DdgConfig;
import java.util.List;
import java.util.Set;

/**
 * Method {@code ddg}: decoupled parallel backprop (Huo, Gu, Yang &amp; Huang, ICML 2018, "Decoupled
 * Parallel Backpropagation with Convergence Guarantee"; {@link
 * dev.backproplab.core.trial.ddg.DdgTrainer}). The network is cut into {@code modules} modules of
 * even forward+backward cost, trained at once on their own threads, module k with the gradient of
 * K - 1 - k steps ago; {@code modules: 1} is {@code bp}. {@code split} cuts elsewhere, counted in
 * layers with weights: {@code split: 1} puts the first one in module 0. Every updater of {@code bp}; MLPs and CNNs.
 * {@code delayed_weights} chooses the weights of the delayed backward pass: {@code current} (the
 * reference code's: the current module at its stored input) or {@code forward} (the
 * weights that made the activations).
 */
public final class DdgMethod extends Method<DdgConfig> {

  public DdgMethod() {
    super(DdgConfig.METHOD, "decoupled parallel backprop, K modules at once with delayed gradients"
            + " (Huo, Gu, Yang & Huang 2018)",
        concat(GradientMethod.UPDATER, List.of(
            ParamDef.integer("modules", 2, 1, 64,
                "K: modules trained at once, each on its own thread (the trial asks Spark for K cores)"),
            ParamDef.choice("delayed_weights", DdgConfig.DelayedWeights.CURRENT, DdgConfig.DelayedWeights.class,
                "weights of a module's delayed backward pass: current (at the stored input, as the reference"
                    + " code) or forward (those that made the activations)"),
            ParamDef.integers("split", "balanced", 1, 63,
                "where to cut: the number of layers with weights below each cut, modules - 1 cuts;"
                    + " balanced: even forward+backward cost").addedLater(),
            ParamDef.choice("execution", DdgConfig.Execution.THREADS, DdgConfig.Execution.class,
                "where the modules run: threads (of one task, K cores) or barrier (one Spark task each, gang-scheduled"
                    + " in barrier execution mode, linked by TCP; needs K free task slots at once; same numbers)")
                .addedLater())));
  }

  /** {@code execution}: threads or barrier tasks run the same schedule, so the same numbers. */
  @Override
  public Set<String> executionParams() {
    return Set.of("execution");
  }

  @Override
  protected DdgConfig configure(Params p) {
    return new DdgConfig(GradientMethod.gradient(p), p.integer("modules"),
        p.choice("delayed_weights", DdgConfig.DelayedWeights.class), p.integers("split"),
        p.choice("execution", DdgConfig.Execution.class));
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DdgConfig config) {
    if (model.blackbox() != null) {
      throw new InvalidInputException("ddg does not train through a blackbox layer (its modules' delayed backward"
          + " passes are not built for one): train a model with 'blackbox' with bp or a credit rule (fa, dfa, ...),"
          + " or give this block a model without it");
    }
    int trainable = model.conv().size() + model.hidden().size() + 1;
    if (!config.split().isEmpty() && config.split().get(config.split().size() - 1) >= trainable) {
      throw new InvalidInputException("split " + config.split() + " cuts above the model's last layer with weights:"
          + " it has " + trainable + ", so every cut must be in [1, " + (trainable - 1) + "]");
    }
    if (config.modules() > trainable) {
      throw new InvalidInputException("modules = " + config.modules() + " but the model has " + trainable
          + " layers with weights: each module needs one (use modules <= " + trainable + ")");
    }
  }
}
