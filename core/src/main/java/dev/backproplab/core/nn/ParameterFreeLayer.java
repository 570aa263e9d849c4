package dev.backproplab.core.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer without parameters (flatten, max pooling, statistics pooling, the log-mel front end's):
 * nothing to bind, draw or differentiate but its input; subclasses give the forward pass and {@link
 * #propagate}.
 */
abstract class ParameterFreeLayer extends Layer {

  @Override
  public final int numParams() {
    return 0;
  }

  @Override
  void bind(INDArray params, INDArray gradients, long offset) {}

  @Override
  final void initialize(RandomGenerator rng) {}

  @Override
  final void parameterGradients(INDArray in, INDArray delta, DataView deltaView, int batch) {}
}
