package dev.backproplab.core.trial;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the network a {@link ModelSpec} describes for a data set's input shape and classes. */
final class Networks {
  private Networks() {}

  static Network build(ModelSpec model, Examples train, DataType type, long seed) {
    return Network.mlp(train.numFeatures(), model.hidden(), Activation.parse(model.activation()),
        train.numClasses(), type, seed);
  }
}
