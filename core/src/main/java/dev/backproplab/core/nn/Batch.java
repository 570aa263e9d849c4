package dev.backproplab.core.nn;

import dev.backproplab.core.data.Examples;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of one batch size: the input, every layer's activations and error signals, and the
 * labels. A network keeps one per batch size it has seen, so a training step allocates nothing.
 */
final class Batch {
  final int size;
  final int[] labels;
  /** activations[0] is the input; activations[l + 1] the output of layer l. */
  final INDArray[] activations;
  final DataView[] activationViews;
  /**
   * errors[l + 1]: the error signal at the pre-activations of layer l; errors[0] the error at the
   * input, filled only when asked for ({@link TrainingStep#inputError()}, {@link InputPass#backward}).
   */
  final INDArray[] errors;
  final DataView[] errorViews;
  private TrainingStep step;

  Batch(int size, int[] widths, DataType type) {
    this.size = size;
    this.labels = new int[size];
    int n = widths.length;
    activations = new INDArray[n];
    activationViews = new DataView[n];
    errors = new INDArray[n];
    errorViews = new DataView[n];
    for (int l = 0; l < n; l++) {
      activations[l] = Nd4j.create(type, new long[] {size, widths[l]}, 'c');
      activationViews[l] = DataView.of(activations[l]);
      errors[l] = Nd4j.create(type, new long[] {size, widths[l]}, 'c');
      errorViews[l] = DataView.of(errors[l]);
    }
  }

  /** The training step on these arrays (one per batch, reused by every step). */
  TrainingStep step(Network network) {
    if (step == null) {
      step = new TrainingStep(network, this);
    }
    step.begin();
    return step;
  }

  /** Copies the examples {@code order[from .. from + size)} into the input and labels. */
  void load(Examples data, int[] order, int from) {
    float[] x = data.features();
    int d = data.numFeatures();
    DataView in = activationViews[0];
    Kernels k = Kernels.get();
    for (int r = 0; r < size; r++) {
      int row = order == null ? from + r : order[from + r];
      k.load(x, row * d, in, r * d, d);
      labels[r] = data.labels()[row];
    }
  }
}
