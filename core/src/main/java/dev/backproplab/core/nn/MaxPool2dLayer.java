package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max-pooling over square windows of NCHW images, on ND4J's native {@code maxpool2d} and {@code
 * maxpool2d_bp} ops: no parameters; the error goes back to the position of each window's maximum. A
 * window that does not fit at the right or bottom edge is dropped: output size {@code (in - size) /
 * stride + 1}.
 */
public final class MaxPool2dLayer extends ParameterFreeLayer {
  private final ImageShape in;
  private final ImageShape out;
  private final int size;
  private final int stride;
  private final ImageViews inViews;
  private final ImageViews outViews;

  /** Pooling of {@code in} images over {@code size x size} windows moved by {@code stride}. */
  public MaxPool2dLayer(ImageShape in, int size, int stride) {
    if (size < 1 || stride < 1 || size > in.height() || size > in.width()) {
      throw new IllegalArgumentException("Invalid pooling " + size + "/" + stride + " of " + in);
    }
    this.in = in;
    this.out = new ImageShape(in.channels(), (in.height() - size) / stride + 1, (in.width() - size) / stride + 1);
    this.size = size;
    this.stride = stride;
    inViews = new ImageViews(in);
    outViews = new ImageViews(out);
  }

  /** The output image shape. */
  public ImageShape outputShape() {
    return out;
  }

  @Override
  public int inputSize() {
    return in.size();
  }

  @Override
  public int outputSize() {
    return out.size();
  }

  @Override
  public String describe() {
    return "maxpool(" + in + "->" + out + ",k" + size + ",s" + stride + ")";
  }

  private int[] intArgs() {
    // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit), extra (unused), NHWC (0: NCHW)
    return new int[] {size, size, stride, stride, 0, 0, 1, 1, 0, 0, 0};
  }

  @Override
  void forward(INDArray input, INDArray output, DataView outView, int batch) {
    Nd4j.exec(DynamicCustomOp.builder("maxpool2d")
        .addInputs(inViews.of(input))
        .addOutputs(outViews.of(output))
        .addIntegerArguments(intArgs())
        .build());
  }

  @Override
  void propagate(INDArray input, INDArray delta, INDArray errorIn, int batch) {
    Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp")
        .addInputs(inViews.of(input), outViews.of(delta))
        .addOutputs(inViews.of(errorIn))
        .addIntegerArguments(intArgs())
        .build());
  }
}
