package dev.backproplab.core.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-d convolution {@code a = f(conv(x, W) + b)} on NCHW images (LeCun, Bottou, Bengio &amp; Haffner
 * 1998, "Gradient-based learning applied to document recognition"), with square kernels, a stride and
 * zero padding, on ND4J's native {@code conv2d} and {@code conv2d_bp} ops. W is {@code [outC, inC, k,
 * k]} row-major (the layout DL4J's ConvolutionLayer uses), then b {@code [outC]}, both views into the
 * network's flat parameters.
 *
 * <p>{@code conv2d_bp} yields the parameter gradients and the input error in one call; the layer keeps
 * the input error of the last {@link #parameterGradients} and hands it out if exact backprop asks for
 * it on the same error, so backprop runs the op once per step. With a feedback kernel in place of W
 * ({@link #propagateThrough}) the op runs a second time with that kernel. The output sizes are {@code
 * (in + 2 padding - kernel) / stride + 1}. Not thread-safe.
 */
public final class Conv2dLayer extends Layer {
  private final ImageShape in;
  private final ImageShape out;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Activation activation;
  private final ImageViews inViews;
  private final ImageViews outViews;
  private INDArray weights;
  private INDArray weightGradient;
  private INDArray bias;
  private INDArray biasGradient;
  /** Per batch size: the input error from the last conv2d_bp, and scratch weight gradients. */
  private final Map<Integer, INDArray> inputErrors = new HashMap<>();
  private INDArray scratchWeightGradient;
  private INDArray lastDelta;

  /** A convolution of {@code in} images to {@code filters} channels. */
  public Conv2dLayer(ImageShape in, int filters, int kernel, int stride, int padding, Activation activation) {
    if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException("Invalid convolution: filters " + filters + ", kernel " + kernel
          + ", stride " + stride + ", padding " + padding);
    }
    int h = (in.height() + 2 * padding - kernel) / stride + 1;
    int w = (in.width() + 2 * padding - kernel) / stride + 1;
    if (in.height() + 2 * padding < kernel || in.width() + 2 * padding < kernel) {
      throw new IllegalArgumentException("kernel " + kernel + " does not fit input " + in + " with padding " + padding);
    }
    this.in = in;
    this.out = new ImageShape(filters, h, w);
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.activation = activation;
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
  public int numParams() {
    return out.channels() * in.channels() * kernel * kernel + out.channels();
  }

  @Override
  public Activation activation() {
    return activation;
  }

  @Override
  public INDArray weights() {
    return weights;
  }

  @Override
  public INDArray weightGradient() {
    return weightGradient;
  }

  private int fanIn() {
    return in.channels() * kernel * kernel;
  }

  @Override
  public double initStd() {
    int fanOut = out.channels() * kernel * kernel;
    return activation == Activation.RELU ? Math.sqrt(2.0 / fanIn()) : Math.sqrt(2.0 / (fanIn() + fanOut));
  }

  @Override
  public String describe() {
    return "conv2d(" + in + "->" + out + ",k" + kernel + ",s" + stride + ",p" + padding + "," + activation.key() + ")";
  }

  @Override
  void bind(INDArray params, INDArray gradients, long offset) {
    long[] shape = {out.channels(), in.channels(), kernel, kernel};
    long nw = (long) out.channels() * in.channels() * kernel * kernel;
    weights = view(params, offset, shape);
    weightGradient = view(gradients, offset, shape);
    bias = view(params, offset + nw, new long[] {out.channels()});
    biasGradient = view(gradients, offset + nw, new long[] {out.channels()});
    scratchWeightGradient = Nd4j.create(params.dataType(), shape, 'c');
  }

  private static INDArray view(INDArray flat, long offset, long[] shape) {
    return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, 'c'), flat.offset() + offset, 'c');
  }

  /** He normal (relu) or Glorot normal over fan-in inC*k*k and fan-out outC*k*k; biases zero. */
  @Override
  void initialize(RandomGenerator rng) {
    DataView w = DataView.of(weights);
    double std = initStd();
    for (int i = 0; i < w.length(); i++) {
      w.set(i, rng.nextGaussian() * std);
    }
    DataView.of(bias).clear();
  }

  private int[] intArgs() {
    // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit), data format (0: NCHW), weights (1: OIYX)
    return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 1};
  }

  @Override
  void forward(INDArray input, INDArray output, DataView outView, int batch) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d")
        .addInputs(inViews.of(input), weights, bias)
        .addOutputs(outViews.of(output))
        .addIntegerArguments(intArgs())
        .build());
    lastDelta = null;
    if (activation != Activation.IDENTITY) {
      for (int i = 0, n = batch * out.size(); i < n; i++) {
        outView.set(i, activation.apply(outView.get(i)));
      }
    }
  }

  private INDArray inputError(int batch) {
    return inputErrors.computeIfAbsent(batch,
        b -> Nd4j.create(weights.dataType(), new long[] {b, in.channels(), in.height(), in.width()}, 'c'));
  }

  @Override
  void parameterGradients(INDArray input, INDArray delta, DataView deltaView, int batch) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(inViews.of(input), weights, bias, outViews.of(delta))
        .addOutputs(inputError(batch), weightGradient, biasGradient)
        .addIntegerArguments(intArgs())
        .build());
    lastDelta = delta;
  }

  @Override
  void propagate(INDArray input, INDArray delta, INDArray errorIn, int batch) {
    if (delta != lastDelta) {
      parameterGradients(input, delta, null, batch);
    }
    inViews.of(errorIn).assign(inputError(batch));
  }

  /** The transposed convolution of the error with {@code feedback}, a kernel shaped as W. */
  @Override
  void propagateThrough(INDArray feedback, INDArray input, INDArray delta, INDArray errorIn, int batch) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(inViews.of(input), feedback, outViews.of(delta))
        .addOutputs(inViews.of(errorIn), scratchWeightGradient)
        .addIntegerArguments(intArgs())
        .build());
  }
}
