package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.dfo.EvaluationBudget;
import dev.backproplab.core.dfo.OptimizerConfig;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.dfo.DfoConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A derivative-free method: an ask/tell optimizer over the network's flat parameter vector (see
 * {@link dev.backproplab.core.trial.dfo.DfoTrainer}). Every one takes {@code batch_size} (the fitness
 * minibatch shared by a generation) and {@code dtype}; runs in one task in a sweep or as a
 * driver-owned search ({@code bpl search}); and trains MLPs (generations are scored with stacked
 * dense products).
 */
public abstract class DfoMethod extends Method<DfoConfig> {
  /** The optimizers' own evaluation budget: unlimited, the trial's budget decides when to stop. */
  static final EvaluationBudget UNLIMITED = EvaluationBudget.of(Long.MAX_VALUE);

  private static final List<ParamDef> COMMON = List.of(
      ParamDef.integer("batch_size", 100, 1, 1 << 20, "examples in the fitness minibatch of a generation"),
      GradientMethod.dtype("floating-point precision of the network evaluations"));

  protected DfoMethod(String name, String summary, List<ParamDef> own) {
    super(name, summary, concat(own, COMMON));
  }

  @Override
  public Set<Placement> placements() {
    return EnumSet.of(Placement.TASK, Placement.SEARCH);
  }

  /** The optimizer of resolved parameters {@code p}. */
  protected abstract OptimizerConfig<?> optimizer(Params p);

  @Override
  protected final DfoConfig configure(Params p) {
    return new DfoConfig(name(), optimizer(p), p.integer("batch_size"), GradientMethod.dataType(p));
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DfoConfig config) {
    if (!model.type().equals("mlp")) {
      throw new InvalidInputException("method " + name() + " scores populations of MLPs (model type mlp), not "
          + model.type() + ": give the method block its own model: {type: mlp, ...}");
    }
    if (model.blackbox() != null) {
      throw new InvalidInputException("method " + name() + " scores populations through a batched forward pass"
          + " that has no blackbox layer: train a model with 'blackbox' with a credit rule (bp, fa, ...), or give"
          + " this block a model without it");
    }
  }

  /**
   * Refuses a network whose search state, {@code matrices} n x n (or (n+1) x n) double arrays for
   * n parameters, would not fit in half of this JVM's heap: a full-covariance method over a large
   * network is a configuration error, found before anything runs.
   */
  void checkQuadraticMemory(long n, int matrices, String hint) {
    double bytes = (double) matrices * (n + 1) * n * Double.BYTES;
    long limit = Runtime.getRuntime().maxMemory() / 2;
    if (bytes > limit) {
      throw new InvalidInputException(String.format(
          "method %s keeps %d matrices of n x n doubles: the model's n = %,d parameters need %.1f GB,"
              + " more than half of this JVM's heap (%.1f GB); %s", name(), matrices, n, bytes / 1e9,
          limit / 1e9, hint));
    }
  }
}
