package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flattens NCHW images to vectors of C*H*W features for the dense layers above. Batch arrays are
 * already {@code [B, features]} in NCHW order, so forward and backward are plain copies; the layer
 * marks where the network stops being convolutional.
 */
public final class FlattenLayer extends ParameterFreeLayer {
  private final ImageShape in;

  /** Flattens {@code in} images. */
  public FlattenLayer(ImageShape in) {
    this.in = in;
  }

  @Override
  public int inputSize() {
    return in.size();
  }

  @Override
  public int outputSize() {
    return in.size();
  }

  @Override
  public String describe() {
    return "flatten(" + in + "->" + in.size() + ")";
  }

  @Override
  void forward(INDArray input, INDArray output, DataView outView, int batch) {
    output.assign(input);
  }

  @Override
  void propagate(INDArray input, INDArray delta, INDArray errorIn, int batch) {
    errorIn.assign(delta);
  }
}
