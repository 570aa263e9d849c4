package dev.backproplab.core.nn;

import dev.backproplab.core.Names;
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
 * <p>The backward pass is made of forward convolutions, because ND4J M2's {@code conv2d_bp} runs
 * about 8x slower than its {@code conv2d} on this machine (45 ms against 5 ms for LeNet's first layer
 * at batch 64): the weight gradient is the convolution of the input with the output error with batch
 * and channels swapped ({@code dW[o,i] = sum_b x[b,i] (*) dY[b,o]}), and the input error is the "full"
 * convolution of the output error with the kernel flipped in space and transposed in channels (padding
 * k - 1 - p). At stride s > 1 both run on the output error dilated by s (s - 1 zeros between its
 * elements, plus {@code (in + 2 padding - kernel) mod s} zero rows and columns at the far edges for the
 * input the windows never reach), which turns the strided convolution's backward pass into stride-1
 * ones (Dumoulin &amp; Visin 2016, "A guide to convolution arithmetic for deep learning", section 4.5).
 * The input error is computed only when a rule asks for it, with W or with a feedback kernel in its
 * place, so the lowest convolution never computes one. Padding above k - 1 (a full convolution would
 * need a negative padding) falls back to {@code conv2d_bp}, keeping the input error of the last {@link
 * #parameterGradients} for exact backprop on the same error. The output sizes are {@code (in + 2
 * padding - kernel) / stride + 1}. Not thread-safe.
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
  /** The backward pass as forward convolutions (see the class comment). */
  private final boolean viaForward;
  /** The output error's height and width once dilated by the stride (the output's at stride 1). */
  private final int dilatedHeight;
  private final int dilatedWidth;
  /**
   * Per batch size: the input as [inC, B, H, W], the (dilated) output error as [outC, B, dH, dW] and,
   * at stride > 1, as [B, outC, dH, dW].
   */
  private final Map<Integer, INDArray[]> swapped = new HashMap<>();
  private INDArray swappedWeightGradient;
  private INDArray flipped;
  private DataView flippedView;
  private DataView biasGradientView;
  private DataView weightView;

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
    viaForward = padding <= kernel - 1;
    dilatedHeight = (h - 1) * stride + 1 + (in.height() + 2 * padding - kernel) % stride;
    dilatedWidth = (w - 1) * stride + 1 + (in.width() + 2 * padding - kernel) % stride;
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
    return "conv2d(" + in + "->" + out + ",k" + kernel + ",s" + stride + ",p" + padding + "," + Names.of(activation) + ")";
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
    swappedWeightGradient = Nd4j.create(params.dataType(), new long[] {in.channels(), out.channels(), kernel, kernel}, 'c');
    flipped = Nd4j.create(params.dataType(), new long[] {in.channels(), out.channels(), kernel, kernel}, 'c');
    flippedView = DataView.of(flipped);
    biasGradientView = DataView.of(biasGradient);
    weightView = DataView.of(weights);
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

  /** The arrays of the swapped (and dilated) backward pass at this batch size, made on first use. */
  private INDArray[] swapped(int batch) {
    return swapped.computeIfAbsent(batch, b -> new INDArray[] {
        Nd4j.create(weights.dataType(), new long[] {in.channels(), b, in.height(), in.width()}, 'c'),
        Nd4j.create(weights.dataType(), new long[] {out.channels(), b, dilatedHeight, dilatedWidth}, 'c'),
        stride == 1 ? null
            : Nd4j.create(weights.dataType(), new long[] {b, out.channels(), dilatedHeight, dilatedWidth}, 'c')});
  }

  /**
   * Scatters the output error {@code d} ({@code [B, outC, oH, oW]}) to every stride-th position of
   * {@code target}, whose other elements stay zero: {@code [outC, B, dH, dW]} when {@code swap}, else
   * {@code [B, outC, dH, dW]}.
   */
  private void dilate(DataView d, int batch, DataView target, boolean swap) {
    int oc = out.channels();
    int oh = out.height();
    int ow = out.width();
    for (int b = 0, i = 0; b < batch; b++) {
      for (int c = 0; c < oc; c++) {
        int plane = (swap ? c * batch + b : b * oc + c) * dilatedHeight * dilatedWidth;
        for (int y = 0; y < oh; y++) {
          int row = plane + y * stride * dilatedWidth;
          for (int x = 0; x < ow; x++, i++) {
            target.set(row + x * stride, d.get(i));
          }
        }
      }
    }
  }

  /** The output error as the full convolution needs it: itself at stride 1, else dilated. */
  private INDArray dilatedError(INDArray delta, int batch) {
    if (stride == 1) {
      return outViews.of(delta);
    }
    INDArray dilated = swapped(batch)[2];
    dilate(DataView.of(delta), batch, DataView.of(dilated), false);
    return dilated;
  }

  @Override
  void parameterGradients(INDArray input, INDArray delta, DataView deltaView, int batch) {
    if (viaForward) {
      INDArray[] s = swapped(batch);
      DataView d = deltaView != null ? deltaView : DataView.of(delta);
      s[0].assign(inViews.of(input).permute(1, 0, 2, 3));
      if (stride == 1) {
        s[1].assign(outViews.of(delta).permute(1, 0, 2, 3));
      } else {
        dilate(d, batch, DataView.of(s[1]), true);
      }
      Nd4j.exec(DynamicCustomOp.builder("conv2d")
          .addInputs(s[0], s[1])
          .addOutputs(swappedWeightGradient)
          .addIntegerArguments(dilatedHeight, dilatedWidth, 1, 1, padding, padding, 1, 1, 0, 0, 1)
          .build());
      weightGradient.assign(swappedWeightGradient.permute(1, 0, 2, 3));
      int plane = out.height() * out.width();
      for (int c = 0; c < out.channels(); c++) {
        double sum = 0;
        for (int b = 0; b < batch; b++) {
          for (int i = (b * out.channels() + c) * plane, end = i + plane; i < end; i++) {
            sum += d.get(i);
          }
        }
        biasGradientView.set(c, sum);
      }
      return;
    }
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(inViews.of(input), weights, bias, outViews.of(delta))
        .addOutputs(inputError(batch), weightGradient, biasGradient)
        .addIntegerArguments(intArgs())
        .build());
    lastDelta = delta;
  }

  @Override
  void propagate(INDArray input, INDArray delta, INDArray errorIn, int batch) {
    if (viaForward) {
      fullConvolution(weightView, dilatedError(delta, batch), errorIn);
      return;
    }
    if (delta != lastDelta) {
      parameterGradients(input, delta, null, batch);
    }
    inViews.of(errorIn).assign(inputError(batch));
  }

  /** The transposed convolution of the error with {@code feedback}, a kernel shaped as W. */
  @Override
  void propagateThrough(INDArray feedback, INDArray input, INDArray delta, INDArray errorIn, int batch) {
    if (viaForward) {
      fullConvolution(DataView.of(feedback), dilatedError(delta, batch), errorIn);
      return;
    }
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(inViews.of(input), feedback, outViews.of(delta))
        .addOutputs(inViews.of(errorIn), scratchWeightGradient)
        .addIntegerArguments(intArgs())
        .build());
  }

  /**
   * {@code errorIn = delta (*) flip(K)}: the input error of a convolution with kernel K ({@code [outC,
   * inC, k, k]}), as a stride-1 forward convolution of the (dilated, NCHW) output error with K flipped
   * in space and transposed in channels, padding k - 1 - p.
   */
  private void fullConvolution(DataView kernelView, INDArray error, INDArray errorIn) {
    int ic = in.channels();
    int oc = out.channels();
    int kk = kernel * kernel;
    for (int o = 0; o < oc; o++) {
      for (int i = 0; i < ic; i++) {
        int src = (o * ic + i) * kk;
        int dst = (i * oc + o) * kk;
        for (int j = 0; j < kk; j++) {
          flippedView.set(dst + kk - 1 - j, kernelView.get(src + j));
        }
      }
    }
    int pad = kernel - 1 - padding;
    Nd4j.exec(DynamicCustomOp.builder("conv2d")
        .addInputs(error, flipped)
        .addOutputs(inViews.of(errorIn))
        .addIntegerArguments(kernel, kernel, 1, 1, pad, pad, 1, 1, 0, 0, 1)
        .build());
  }
}
