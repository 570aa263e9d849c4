package dev.backproplab.core.trial;

import dev.backproplab.core.optim.UpdaterSpec;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The typed settings every minibatch gradient method shares.
 *
 * @param updater the gradient step rule
 * @param batchSize examples per minibatch
 * @param dataType float or double
 */
public record GradientConfig(UpdaterSpec updater, int batchSize, DataType dataType) implements Serializable {

  public GradientConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }
}
