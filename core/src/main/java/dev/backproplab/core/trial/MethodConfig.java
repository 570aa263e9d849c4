package dev.backproplab.core.trial;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A method's typed, immutable configuration for one trial, made once from the resolved
 * hyperparameters (on the driver, when the sweep is expanded) and shipped with the {@link TrialSpec}
 * to wherever the trial runs. It makes the trial's {@link Trainer}.
 */
public interface MethodConfig extends Serializable {

  /** The method's name, e.g. {@code fa}. */
  String method();

  /** The precision of the trial's network. */
  DataType dataType();

  /**
   * The cores one trial of this configuration trains on at once (threads that compute in parallel);
   * a job gives its task that many. One for every method but module-parallel ddg.
   */
  default int cores() {
    return 1;
  }

  /** A new trainer for one trial of this configuration. */
  Trainer trainer();
}
