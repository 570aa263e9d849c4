package dev.backproplab.core.optim;

import dev.backproplab.core.nn.DataView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gradient step rule over the flat parameter vector. Call {@link #apply} once per training step
 * after the gradients are computed; an updater holds per-parameter state (velocities, moments), so
 * it belongs to one network and one thread.
 */
public interface Updater {

  /** Updates {@code params} in place from {@code gradients} (same length). */
  void apply(DataView params, DataView gradients);

  /**
   * The updater an {@link UpdaterSpec} describes, for the flat parameter vector {@code params}: its
   * step rule, with the spec's weight decay as an L2 penalty on the gradient (sgd, momentum, nesterov)
   * or decoupled from it (adam) when the coefficient is positive.
   */
  static Updater create(UpdaterSpec spec, INDArray params) {
    Updater rule = rule(spec, params);
    double wd = spec.weightDecay();
    if (wd == 0) {
      return rule;
    }
    return spec.kind() == UpdaterSpec.Kind.ADAM
        ? new DecoupledWeightDecay(rule, spec.lr() * wd)
        : new L2Penalty(rule, wd, Math.toIntExact(params.length()), params.dataType());
  }

  private static Updater rule(UpdaterSpec spec, INDArray params) {
    int n = Math.toIntExact(params.length());
    DataType type = params.dataType();
    return switch (spec.kind()) {
      case SGD -> new Sgd(spec.lr());
      case MOMENTUM, NESTEROV -> new Momentum(spec.lr(), spec.momentum(), spec.kind() == UpdaterSpec.Kind.NESTEROV, n,
          type);
      case ADAM -> new Adam(spec.lr(), spec.beta1(), spec.beta2(), spec.epsilon(), n, type);
    };
  }
}
