package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.Trainer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The configuration of a {@code ddg} trial (decoupled parallel backprop; Huo, Gu, Yang &amp; Huang,
 * ICML 2018).
 *
 * @param gradient updater, batch size, precision (each module keeps its own updater state)
 * @param modules K, the number of modules trained at once, at least 1 (1 is backprop)
 * @param delayedWeights which weights a module's delayed backward pass uses
 * @param split where the network is cut, in layers with weights below each cut (strictly increasing,
 *     {@code modules - 1} of them: {@code [1]} puts the first layer with weights in module 0); empty for
 *     the cut of even forward+backward cost ({@link Split#balanced})
 * @param execution where the modules run: threads of one task, or one Spark task each
 */
public record DdgConfig(GradientConfig gradient, int modules, DelayedWeights delayedWeights, List<Integer> split,
    Execution execution) implements MethodConfig {

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

  /** Where the K modules of a trial run; the schedule, and so the numbers, are the same either way. */
  public enum Execution {
    /** Module 0 on the trial's task thread, the others on threads of their own in the same task (K cores). */
    THREADS,
    /**
     * One module per Spark task, K tasks gang-scheduled in barrier execution mode, activations and
     * errors passed over TCP ({@link BarrierModule}); outside Spark, K threads of one process linked by
     * loopback sockets.
     */
    BARRIER
  }

  public DdgConfig {
    if (execution == null) {
      throw new IllegalArgumentException("execution is required");
    }
    if (modules < 1) {
      throw new IllegalArgumentException("modules must be >= 1, got " + modules);
    }
    if (delayedWeights == null) {
      throw new IllegalArgumentException("delayedWeights is required");
    }
    split = List.copyOf(split);
    if (!split.isEmpty() && split.size() != modules - 1) {
      throw new IllegalArgumentException("split " + split + " cuts the network into " + (split.size() + 1)
          + " modules but modules = " + modules + ": give modules - 1 cuts, or no split for the balanced cut");
    }
    for (int i = 0; i < split.size(); i++) {
      if (split.get(i) < 1 || i > 0 && split.get(i) <= split.get(i - 1)) {
        throw new IllegalArgumentException("split " + split + ": expected strictly increasing cuts >= 1");
      }
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

  /** One core per module: K for a task of K module threads, one for each of K barrier tasks. */
  @Override
  public int cores() {
    return execution == Execution.THREADS ? modules : 1;
  }

  /** Module threads in this process; for {@link Execution#BARRIER}, linked by loopback sockets. */
  @Override
  public Trainer trainer() {
    return execution == Execution.THREADS ? new DdgTrainer(this, DdgTrainer.ModuleThreads.NONE)
        : new LoopbackBarrier(this);
  }
}
