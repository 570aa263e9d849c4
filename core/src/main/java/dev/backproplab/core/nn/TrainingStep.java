package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step of a {@link Network} as its backward pass sees it: the batch's activations and
 * error signals, and the layer operations that carry an error down one layer. A {@link HiddenErrorRule}
 * receives the step it works on instead of reading state kept by the network, and {@link
 * Network#trainStep} returns it so that a trainer can hand it on (to an adaptive rule's update, to a
 * diagnostic probe).
 *
 * <p>A step's arrays belong to the network's buffers for its batch size: they stay valid until the
 * network's next {@code trainStep} or {@code evaluate} on a batch of the same size. Not thread-safe.
 */
public final class TrainingStep {
  private final Network network;
  private final Batch batch;
  private double loss = Double.NaN;
  private boolean inputErrorReady;

  TrainingStep(Network network, Batch batch) {
    this.network = network;
    this.batch = batch;
  }

  /** Resets the step for a new forward and backward pass. */
  void begin() {
    loss = Double.NaN;
    inputErrorReady = false;
  }

  void finish(double loss) {
    this.loss = loss;
  }

  /** The network being trained. */
  public Network network() {
    return network;
  }

  /** The batch-mean loss of the step's forward pass (NaN while the backward pass runs). */
  public double loss() {
    return loss;
  }

  /** Examples in the step's batch. */
  public int batchSize() {
    return batch.size;
  }

  /**
   * The activations at level {@code index}: 0 is the input, {@code l + 1} the output of layer l;
   * {@code [B, features]}, row-major.
   */
  public INDArray activations(int index) {
    return batch.activations[index];
  }

  /** The error at the pre-activations of layer {@code l}, {@code [B, width(l)]}. */
  public INDArray delta(int l) {
    return batch.errors[l + 1];
  }

  /** The error at the logits (softmax minus one-hot, over B), {@code [B, classes]}. */
  public INDArray outputDelta() {
    return batch.errors[network.depth()];
  }

  /**
   * The error at the input, {@code [B, inputs]}: the error the rule delivered to the lowest layer
   * with parameters, carried down to the input by exact backprop (through that layer's weights and
   * every parameter-free layer below it). Under {@code bp} it is the exact gradient of the batch-mean
   * loss with respect to the inputs. Computed on the first call after the step and kept until the
   * next step: training steps that never ask pay nothing for it. Call it after {@link
   * Network#trainStep} has returned (the backward pass must be complete).
   */
  public INDArray inputError() {
    if (!inputErrorReady) {
      network.propagateToInput(batch);
      inputErrorReady = true;
    }
    return batch.errors[0];
  }

  /**
   * Exact backprop through layer {@code l} on this batch: the error at its input from {@code delta},
   * the error at its pre-activations.
   */
  public void propagate(int l, INDArray delta, INDArray errorIn) {
    network.layer(l).propagate(batch.activations[l], delta, errorIn, batch.size);
  }

  /**
   * Like {@link #propagate} with {@code feedback} (shaped and ordered as layer l's weights) in place
   * of the weights; a layer without weights propagates exactly. Layer l's weights are not read.
   */
  public void propagateThrough(int l, INDArray feedback, INDArray delta, INDArray errorIn) {
    network.layer(l).propagateThrough(feedback, batch.activations[l], delta, errorIn, batch.size);
  }
}
