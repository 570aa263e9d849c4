package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact backpropagation (Rumelhart, Hinton &amp; Williams 1986, "Learning representations by
 * back-propagating errors"): the error reaching hidden layer l is the error of layer l + 1 carried
 * back through the transpose of that layer's weights, {@code e_l = delta_{l+1} W_{l+1}^T} (for a
 * convolution, the transposed convolution with its kernels; for pooling, routing to the maxima).
 */
public final class Backprop implements CreditAssignment {

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    step.propagate(layer + 1, deltaAbove, errorOut);
  }
}
