package dev.backproplab.core.nn;

import dev.backproplab.core.data.Examples;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A module of a {@link Network} for module-parallel training: the contiguous layers {@code [from,
 * to)}, with arrays of its own, so that modules on different threads train different minibatches at
 * once on one network (decoupled parallel backprop; Huo, Gu, Yang &amp; Huang, ICML 2018,
 * "Decoupled Parallel Backpropagation with Convergence Guarantee").
 *
 * <p>A segment keeps {@code slots} sets of arrays (a slot per minibatch it holds for a delayed
 * backward pass): the slot's input, each layer's activations and errors. Its parameters and gradients
 * are views of the network's flat buffers over its layers: segments of one network touch disjoint
 * parts of them. The backward pass is exact backprop through the segment's layers, from the error at
 * its output activations (which a segment above sends) or, for the top segment, from the loss.
 *
 * <p>Which weights a delayed backward pass uses is the caller's choice: {@link #forward} run again on
 * the slot's stored input uses the current weights (the gradient of the current module at the
 * stored input); {@link #keepWeights} and {@link #useKeptWeights} keep the
 * weights of the step that made the slot's activations and back-propagate through those. Only the
 * weights the backward pass reads are kept: those of the layers that pass an error to their input
 * (a parameter gradient reads the layer's input and error, never its weights), so a segment of the
 * network's first layer alone keeps none.
 *
 * <p>Call order per minibatch: {@link #load} or {@link #receive}, {@link #forward}, then (top)
 * {@link #loss} or (below) later {@link #backward}. Not thread-safe: a segment belongs to one thread;
 * the network's other segments may run on others.
 */
public final class Segment {
  private final Network net;
  private final int from;
  private final int to;
  private final int[] widths;
  private final INDArray params;
  private final INDArray gradients;
  private final DataView paramView;
  private final DataView gradientView;
  private final Map<Integer, Batch>[] slots;
  /** The parameters the backward pass reads (of the layers that propagate), or null when none. */
  private final INDArray propagated;
  private final INDArray[] weightsAtForward;
  private INDArray current;

  /**
   * Layers {@code [from, to)} of {@code net} with {@code slots} sets of arrays.
   *
   * @throws IllegalArgumentException when the range is empty or outside the network
   */
  @SuppressWarnings("unchecked")
  public Segment(Network net, int from, int to, int slots) {
    if (from < 0 || to > net.depth() || from >= to || slots < 1) {
      throw new IllegalArgumentException("segment [" + from + ", " + to + ") with " + slots
          + " slots does not fit a network of " + net.depth() + " layers");
    }
    this.net = net;
    this.from = from;
    this.to = to;
    widths = new int[to - from + 1];
    widths[0] = from == 0 ? net.inputs() : net.width(from - 1);
    for (int l = from; l < to; l++) {
      widths[l - from + 1] = net.width(l);
    }
    params = net.params().get(NDArrayIndex.point(0), NDArrayIndex.interval(net.paramOffset(from), net.paramOffset(to)));
    gradients = net.gradients().get(NDArrayIndex.point(0),
        NDArrayIndex.interval(net.paramOffset(from), net.paramOffset(to)));
    paramView = DataView.of(params);
    gradientView = DataView.of(gradients);
    this.slots = new Map[slots];
    for (int s = 0; s < slots; s++) {
      this.slots[s] = new HashMap<>();
    }
    long read = net.paramOffset(Math.max(from, net.firstTrainable() + 1));
    propagated = read < net.paramOffset(to)
        ? net.params().get(NDArrayIndex.point(0), NDArrayIndex.interval(read, net.paramOffset(to)))
        : null;
    weightsAtForward = new INDArray[slots];
  }

  /** Index of the segment's first layer. */
  public int from() {
    return from;
  }

  /** Index one past the segment's last layer. */
  public int to() {
    return to;
  }

  /** Whether this segment ends in the network's logits. */
  public boolean isTop() {
    return to == net.depth();
  }

  /** Whether a segment below needs the error at this segment's input (it has parameters). */
  public boolean sendsError() {
    return from > net.firstTrainable();
  }

  /** Features per example at the segment's input. */
  public int inputWidth() {
    return widths[0];
  }

  /** Features per example at the segment's output. */
  public int outputWidth() {
    return widths[widths.length - 1];
  }

  /** The segment's parameters, a view of the network's flat buffer. */
  public DataView params() {
    return paramView;
  }

  /** The segment's gradients from its last backward pass, a view of the network's flat buffer. */
  public DataView gradients() {
    return gradientView;
  }

  /** The segment's parameters as an array view (for an updater's state). */
  public INDArray paramArray() {
    return params;
  }

  private Batch batch(int slot, int size) {
    return slots[slot].computeIfAbsent(size, s -> new Batch(s, widths, net.dataType()));
  }

  /** Loads examples {@code order[start .. start + size)} into slot {@code slot}'s input and labels. */
  public void load(int slot, Examples data, int[] order, int start, int size) {
    batch(slot, size).load(data, order, start);
  }

  /** Copies {@code size} rows of input ({@code src}, row-major) and their labels into slot {@code slot}. */
  public void receive(int slot, DataView src, int[] labels, int size) {
    Batch b = batch(slot, size);
    src.copyTo(b.activationViews[0], size * widths[0]);
    System.arraycopy(labels, 0, b.labels, 0, size);
  }

  /** The labels of slot {@code slot}'s minibatch of {@code size}. */
  public int[] labels(int slot, int size) {
    return batch(slot, size).labels;
  }

  /** The output activations of slot {@code slot}'s last forward pass, {@code [size, outputWidth]}. */
  public DataView output(int slot, int size) {
    return batch(slot, size).activationViews[widths.length - 1];
  }

  /** The error at the input activations from slot {@code slot}'s last backward pass. */
  public DataView inputError(int slot, int size) {
    return batch(slot, size).errorViews[0];
  }

  /**
   * The forward pass of slot {@code slot}'s input through the segment's layers with the current
   * weights, overwriting the slot's activations (run again before a delayed backward pass, it gives
   * the activations of the current weights at the stored input).
   */
  public void forward(int slot, int size) {
    Batch b = batch(slot, size);
    for (int l = from; l < to; l++) {
      int i = l - from;
      net.layer(l).forward(b.activations[i], b.activations[i + 1], b.activationViews[i + 1], size);
    }
  }

  /**
   * Keeps a copy of the current weights the backward pass reads with slot {@code slot} (the weights
   * its forward pass used); nothing when the backward pass reads none.
   */
  public void keepWeights(int slot) {
    if (propagated == null) {
      return;
    }
    if (weightsAtForward[slot] == null) {
      weightsAtForward[slot] = propagated.dup();
      current = propagated.dup();
    } else {
      weightsAtForward[slot].assign(propagated);
    }
  }

  /**
   * Puts the weights kept with slot {@code slot} in place of the current ones, which it sets aside;
   * {@link #restoreWeights} puts them back. The segment's backward pass sees the kept weights in
   * between. Two copies in, one back (the kept ones are not needed again: the slot's next forward
   * pass keeps anew); none when the backward pass reads no weights.
   */
  public void useKeptWeights(int slot) {
    if (propagated != null) {
      current.assign(propagated);
      propagated.assign(weightsAtForward[slot]);
    }
  }

  /** Puts back the current weights {@link #useKeptWeights} set aside. */
  public void restoreWeights() {
    if (propagated != null) {
      propagated.assign(current);
    }
  }

  /**
   * The top segment's loss on slot {@code slot}: the batch-mean softmax cross-entropy of its logits,
   * leaving the error at the logits for {@link #backward}.
   */
  public double loss(int slot, int size) {
    Batch b = batch(slot, size);
    int top = widths.length - 1;
    return SoftmaxCrossEntropy.lossAndDelta(b.activationViews[top], b.labels, size, net.classes(), b.errorViews[top]);
  }

  /**
   * Exact backprop through the segment on slot {@code slot}'s activations: fills the segment's
   * gradients and, when {@link #sendsError()}, the error at its input activations (before the
   * activation derivative of the layer below, which the receiving segment applies).
   *
   * @param outputError the error at the output activations ({@code [size, outputWidth]}) from the
   *     segment above, or null for the top segment (the error {@link #loss} left at the logits)
   */
  public void backward(int slot, int size, DataView outputError) {
    Batch b = batch(slot, size);
    int top = widths.length - 1;
    if (outputError != null) {
      outputError.copyTo(b.errorViews[top], size * widths[top]);
      net.layer(to - 1).applyActivationDerivative(b.errorViews[top], b.activationViews[top], size * widths[top]);
    }
    for (int l = to - 1; l >= from; l--) {
      int i = l - from;
      Layer layer = net.layer(l);
      layer.parameterGradients(b.activations[i], b.errors[i + 1], b.errorViews[i + 1], size);
      if (l > net.firstTrainable()) {
        layer.propagate(b.activations[i], b.errors[i + 1], b.errors[i], size);
        if (l > from) {
          net.layer(l - 1).applyActivationDerivative(b.errorViews[i], b.activationViews[i], size * widths[i]);
        }
      }
    }
  }
}
