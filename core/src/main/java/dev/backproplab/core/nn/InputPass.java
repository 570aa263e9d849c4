package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A forward and backward pass of a frozen {@link Network} on inputs the caller writes, with the
 * gradient of a loss on any levels of activations carried back to the input by exact backprop: the
 * engine of input optimisation (Mahendran &amp; Vedaldi 2015, "Understanding deep image
 * representations by inverting them"; Gatys, Ecker &amp; Bethge 2015, "Texture synthesis using
 * convolutional neural networks"; Chorowski, Weiss, Saurous &amp; Bengio 2018, "On using
 * backpropagation for speech texture generation and voice conversion").
 *
 * <p>Levels are numbered as in {@link TrainingStep#activations}: 0 is the input, {@code l + 1} the
 * output of layer l (after its activation). Call order: write {@link #input()}, {@link #forward} to
 * the deepest level the loss reads, read {@link #activations}, then {@link #backward} with {@code
 * dLoss/dActivations} per level. The parameters are not changed; a layer may use the network's
 * gradient buffer as scratch. The arrays belong to the network's buffers for this batch size (shared
 * with {@link Network#trainStep} and {@link Network#evaluate}). Not thread-safe.
 */
public final class InputPass {
  private final Network network;
  private final Batch batch;
  private int forwardLevel = -1;

  InputPass(Network network, Batch batch) {
    this.network = network;
    this.batch = batch;
  }

  /** Examples in the pass. */
  public int batchSize() {
    return batch.size;
  }

  /** The input, {@code [B, inputs]} row-major: write the examples here before {@link #forward}. */
  public INDArray input() {
    return batch.activations[0];
  }

  /** Runs the layers below {@code level} ({@code 1 <= level <= depth}) on the current input. */
  public void forward(int level) {
    checkLevel(level, 1);
    network.forward(batch, level);
    forwardLevel = level;
  }

  /** The activations at {@code level} from the last {@link #forward}, {@code [B, features]}. */
  public INDArray activations(int level) {
    checkForward(level);
    return batch.activations[level];
  }

  /**
   * The gradient of the loss with respect to the input, {@code [B, inputs]} (an array of this pass,
   * valid until its next use), from {@code gradients[level]}, the gradient with respect to the
   * activations at each level the loss reads (null at the others; shaped as {@link #activations}).
   * Every level given must have been computed by the last {@link #forward}.
   */
  public INDArray backward(INDArray... gradients) {
    int top = -1;
    for (int level = 0; level < gradients.length; level++) {
      if (gradients[level] != null) {
        checkForward(level);
        top = level;
      }
    }
    if (top < 0) {
      throw new IllegalArgumentException("no gradient given at any level");
    }
    batch.errors[top].assign(gradients[top]);
    if (top > 0) {
      network.layer(top - 1).applyActivationDerivative(
          batch.errorViews[top], batch.activationViews[top], batch.size * network.width(top - 1));
      network.backwardFrom(batch, top - 1, gradients);
    }
    return batch.errors[0];
  }

  private void checkForward(int level) {
    checkLevel(level, 0);
    if (level > Math.max(forwardLevel, 0)) {
      throw new IllegalStateException("level " + level + " was not computed: forward(" + level + ") first");
    }
  }

  private void checkLevel(int level, int lowest) {
    if (level < lowest || level > network.depth()) {
      throw new IllegalArgumentException("level " + level + " outside " + lowest + ".." + network.depth());
    }
  }
}
