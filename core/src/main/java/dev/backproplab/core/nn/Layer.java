package dev.backproplab.core.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a {@link Network}: a forward pass into a preallocated array, the parameter gradients
 * from the error at its pre-activations, and the error at its input, through its own weights (exact
 * backprop) or through a stand-in of the same shape (a feedback matrix or kernel of a
 * credit-assignment rule). Dense, 2-d convolution, max-pooling and flatten layers share the batch
 * machinery: every array a layer sees is a row-major {@code [B, features]} block, an image batch in
 * NCHW order.
 *
 * <p>Call order per training step: {@link #forward}, then from the top down {@link
 * #parameterGradients} and, when the rule asks for it, {@link #propagate} or {@link
 * #propagateThrough}. Parameters are views into the network's flat buffer, bound once. Not
 * thread-safe.
 */
public abstract class Layer {

  Layer() {}

  /** Features per example at the input. */
  public abstract int inputSize();

  /** Features per example at the output. */
  public abstract int outputSize();

  /** Number of parameters (0 for pooling and flatten). */
  public abstract int numParams();

  /** The activation applied to the layer's output; identity for layers without one. */
  public Activation activation() {
    return Activation.IDENTITY;
  }

  /**
   * The weight tensor a feedback rule may stand in for (a view into the flat parameters), or null
   * for a layer with no weights.
   */
  public INDArray weights() {
    return null;
  }

  /** The gradient of {@link #weights()} from the last step (a view into the flat gradients), or null. */
  public INDArray weightGradient() {
    return null;
  }

  /** True when the layer has a weight tensor. */
  public final boolean hasWeights() {
    return weights() != null;
  }

  /** Standard deviation of the weights' initial distribution (0 for a layer without weights). */
  public double initStd() {
    return 0.0;
  }

  /** A short description, e.g. {@code dense(784->256,relu)}. */
  public abstract String describe();

  /** Binds the layer to its block of the flat parameter and gradient buffers, from {@code offset}. */
  abstract void bind(INDArray params, INDArray gradients, long offset);

  /** Draws the initial parameters. */
  abstract void initialize(RandomGenerator rng);

  /** Forward pass of {@code batch} examples: {@code out = f(layer(in))}. */
  abstract void forward(INDArray in, INDArray out, DataView outView, int batch);

  /**
   * Turns the error at the layer's output activations, held in {@code delta}, into the error at its
   * pre-activations, in place: {@code delta *= f'(a)}.
   */
  void applyActivationDerivative(DataView delta, DataView out, int count) {
    Kernels.get().multiplyByDerivative(delta, out, count, activation());
  }

  /**
   * Parameter gradients of the batch-mean loss from the pre-activation error {@code delta} (already
   * divided by B) and the layer input {@code in}. A no-op for layers without parameters.
   */
  abstract void parameterGradients(INDArray in, INDArray delta, DataView deltaView, int batch);

  /** Exact backprop: the error at the layer's input from the error at its pre-activations. */
  abstract void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch);

  /**
   * The error at the layer's input with {@code feedback}, an array shaped and ordered as {@link
   * #weights()}, in place of the weights. Layers without weights propagate exactly.
   */
  void propagateThrough(INDArray feedback, INDArray in, INDArray delta, INDArray errorIn, int batch) {
    propagate(in, delta, errorIn, batch);
  }
}
