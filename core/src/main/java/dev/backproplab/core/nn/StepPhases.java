package dev.backproplab.core.nn;

import dev.backproplab.core.data.Examples;

/**
 * The non-product phases of a training step run on their own, on arrays of a step's shapes, so a
 * benchmark can break a step's time down (GEMM, elementwise, updater, data) by timing each phase
 * alone: the same layer code {@link Network#trainStep} runs, without the matrix products. Not
 * thread-safe.
 */
public final class StepPhases {
  private final Network net;
  private final Batch batch;
  private final int[] widths;

  /** Phases of {@code net}'s steps at batch size {@code size}, on arrays of their own. */
  public StepPhases(Network net, int size) {
    this.net = net;
    widths = new int[net.depth() + 1];
    widths[0] = net.inputs();
    for (int l = 0; l < net.depth(); l++) {
      widths[l + 1] = net.width(l);
    }
    batch = new Batch(size, widths, net.dataType());
  }

  /** The data phase: copies the examples {@code order[from .. from + size)} into the input. */
  public void data(Examples data, int[] order, int from) {
    batch.load(data, order, from);
  }

  /**
   * The elementwise phase of the dense layers: bias and activation, the loss and its error at the
   * logits, the bias gradients, each hidden layer's activation derivative. A convolution's bias and
   * activation run inside its forward pass and are not included. Returns the loss.
   */
  public double elementwise() {
    int top = net.depth();
    int size = batch.size;
    for (int l = 0; l < top; l++) {
      if (net.layer(l) instanceof DenseLayer d) {
        d.biasActivation(batch.activationViews[l + 1], size);
      }
    }
    double loss = SoftmaxCrossEntropy.lossAndDelta(
        batch.activationViews[top], batch.labels, size, net.classes(), batch.errorViews[top]);
    for (int l = top - 1; l >= 0; l--) {
      if (net.layer(l) instanceof DenseLayer d) {
        d.biasGradient(batch.errorViews[l + 1], size);
      }
      if (l > net.firstTrainable()) {
        net.layer(l - 1).applyActivationDerivative(batch.errorViews[l], batch.activationViews[l], size * widths[l]);
      }
    }
    return loss;
  }
}
