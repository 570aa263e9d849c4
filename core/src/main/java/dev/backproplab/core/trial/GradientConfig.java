package dev.backproplab.core.trial;

import dev.backproplab.core.optim.UpdaterSpec;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The typed settings of a gradient-trained trial, read from its resolved hyperparameters (see
 * {@link Methods}).
 *
 * @param updater the gradient step rule
 * @param batchSize examples per minibatch
 * @param dataType float or double
 */
public record GradientConfig(UpdaterSpec updater, int batchSize, DataType dataType) {

  /** Reads the settings from a trial's resolved parameters. */
  public static GradientConfig of(Map<String, String> p) {
    UpdaterSpec updater =
        new UpdaterSpec(
            UpdaterSpec.Kind.parse(p.get("optimizer")),
            Double.parseDouble(p.get("lr")),
            Double.parseDouble(p.get("momentum")),
            Double.parseDouble(p.get("beta1")),
            Double.parseDouble(p.get("beta2")),
            Double.parseDouble(p.get("epsilon")));
    DataType type = Networks.dataType(p);
    return new GradientConfig(updater, Integer.parseInt(p.get("batch_size")), type);
  }
}
