package dev.backproplab.core.nn;

import dev.backproplab.core.Names;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer {@code a = f(x W + b)} whose parameters are views into the network's flat
 * parameter buffer: W as an {@code [nIn, nOut]} column-major block (the layout DL4J uses, so the flat
 * vectors of the two can be compared directly), then b.
 *
 * <p>The layer owns no activations: the network passes the arrays of the current batch. All products
 * go to BLAS in place through {@link Blas#gemm}; the bias, activation and bias-gradient passes are
 * {@link Kernels} over {@link DataView}s. Not thread-safe.
 */
public final class DenseLayer extends Layer {
  private final int nIn;
  private final int nOut;
  private final Activation activation;
  private INDArray weights;
  private INDArray weightGradient;
  private DataView weightView;
  private DataView bias;
  private DataView biasGradient;

  /** A layer from {@code nIn} to {@code nOut} units with the given activation. */
  public DenseLayer(int nIn, int nOut, Activation activation) {
    if (nIn < 1 || nOut < 1) {
      throw new IllegalArgumentException("Invalid layer size " + nIn + " -> " + nOut);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    this.activation = activation;
  }

  /** Number of parameters: nIn * nOut weights and nOut biases. */
  public int numParams() {
    return nIn * nOut + nOut;
  }

  public int nIn() {
    return nIn;
  }

  public int nOut() {
    return nOut;
  }

  @Override
  public int inputSize() {
    return nIn;
  }

  @Override
  public int outputSize() {
    return nOut;
  }

  @Override
  public Activation activation() {
    return activation;
  }

  @Override
  public String describe() {
    return "dense(" + nIn + "->" + nOut + "," + Names.of(activation) + ")";
  }

  @Override
  public double initStd() {
    return activation == Activation.RELU ? Math.sqrt(2.0 / nIn) : Math.sqrt(2.0 / (nIn + nOut));
  }

  @Override
  void bind(INDArray params, INDArray gradients, long offset) {
    weights = matrixView(params, offset);
    weightGradient = matrixView(gradients, offset);
    weightView = DataView.of(weights);
    bias = DataView.of(vectorView(params, offset + (long) nIn * nOut));
    biasGradient = DataView.of(vectorView(gradients, offset + (long) nIn * nOut));
  }

  private INDArray matrixView(INDArray flat, long offset) {
    return Nd4j.create(
        flat.data(), new long[] {nIn, nOut}, new long[] {1, nIn}, flat.offset() + offset, 'f');
  }

  private INDArray vectorView(INDArray flat, long offset) {
    return Nd4j.create(flat.data(), new long[] {1, nOut}, new long[] {nOut, 1}, flat.offset() + offset, 'c');
  }

  /**
   * Initialises the weights: He normal (std sqrt(2/nIn); He et al. 2015) for relu, Glorot uniform
   * (limit sqrt(6/(nIn+nOut)); Glorot &amp; Bengio 2010) otherwise; biases zero.
   */
  @Override
  void initialize(RandomGenerator rng) {
    int n = nIn * nOut;
    if (activation == Activation.RELU) {
      double std = Math.sqrt(2.0 / nIn);
      for (int i = 0; i < n; i++) {
        weightView.set(i, rng.nextGaussian() * std);
      }
    } else {
      double limit = Math.sqrt(6.0 / (nIn + nOut));
      for (int i = 0; i < n; i++) {
        weightView.set(i, (2.0 * rng.nextDouble() - 1.0) * limit);
      }
    }
    bias.clear();
  }

  /** The weight matrix {@code [nIn, nOut]}, column-major, a view into the flat parameters. */
  @Override
  public INDArray weights() {
    return weights;
  }

  /** The gradient of the weights from the last step, laid out as {@link #weights()}. */
  @Override
  public INDArray weightGradient() {
    return weightGradient;
  }

  /** Forward pass: {@code out = f(in W + b)}; {@code in} is {@code [B, nIn]}, {@code out} {@code [B, nOut]}, row-major. */
  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    Blas.gemm(in, weights, out, false, false, 1.0, 0.0);
    biasActivation(outView, batch);
  }

  /** The elementwise half of {@link #forward}: {@code out = f(out + b)}, one fused pass. */
  void biasActivation(DataView outView, int batch) {
    Kernels.get().biasActivation(outView, bias, batch, nOut, activation);
  }

  /**
   * Parameter gradients of the batch-mean loss from the pre-activation error {@code delta}
   * ({@code [B, nOut]}, already divided by B) and the layer input {@code in}:
   * {@code dW = in^T delta}, {@code db = sum over rows of delta}.
   */
  @Override
  void parameterGradients(INDArray in, INDArray delta, DataView deltaView, int batch) {
    Blas.gemm(in, delta, weightGradient, true, false, 1.0, 0.0);
    biasGradient(deltaView, batch);
  }

  /** The elementwise half of {@link #parameterGradients}: {@code db} as the column sums of delta. */
  void biasGradient(DataView deltaView, int batch) {
    Kernels.get().columnSums(deltaView, batch, nOut, biasGradient);
  }

  /** Exact backprop through this layer's weights: {@code errorIn = delta W^T}. */
  public void propagate(INDArray delta, INDArray errorIn) {
    Blas.gemm(delta, weights, errorIn, false, true, 1.0, 0.0);
  }

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    Blas.gemm(delta, weights, errorIn, false, true, 1.0, 0.0);
  }

  /** {@code errorIn = delta B^T} with B ({@code [nIn, nOut]}) in place of W. */
  @Override
  void propagateThrough(INDArray feedback, INDArray in, INDArray delta, INDArray errorIn, int batch) {
    Blas.gemm(delta, feedback, errorIn, false, true, 1.0, 0.0);
  }
}
