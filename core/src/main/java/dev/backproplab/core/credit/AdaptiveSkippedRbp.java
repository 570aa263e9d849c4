package dev.backproplab.core.credit;

import dev.backproplab.core.nn.Blas;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive skipped random backpropagation, ASRBP (Baldi, Sadowski &amp; Lu 2018, "Learning in the
 * machine: random backpropagation and the deep learning channel", Artificial Intelligence 260): direct
 * feedback alignment ({@link DirectFeedbackAlignment}) whose skip matrices learn by the local product of
 * the signal they carry (the output error) and the activity of the hidden units they reach.
 *
 * <p>The exact rule used here: after each parameter update, for every hidden layer h with a skip
 * matrix D_h ({@code [classes, width_h]}), {@code D_h <- D_h - feedback_lr * e^T O_h / B}, where e is
 * the step's output error ({@code softmax - onehot}, full precision), O_h the hidden layer's output
 * activations on the batch and B the batch size; one GEMM per hidden layer, accumulated into D_h in
 * place: the product of the signal the skip connection carries (the output error) and the activity of
 * the unit it reaches, as this project reads Baldi et al.'s ASRBP. The feedback's optimizer is plain
 * SGD at {@code feedback_lr}, whatever the forward weights' {@code optimizer}. For the top hidden layer
 * the step is the transposed gradient of the output weights, so D^T - W_L stays at its initial value
 * only when the forward optimizer is also plain SGD with {@code lr = feedback_lr}; with momentum or
 * Adam the two drift apart. No forward weight is ever read.
 */
public final class AdaptiveSkippedRbp implements CreditAssignment {
  private final DirectFeedbackAlignment fixed;
  private final double rate;

  /** Adapts the matrices of {@code start} (which it takes over) at learning rate {@code rate}. */
  public AdaptiveSkippedRbp(DirectFeedbackAlignment start, double rate) {
    if (!(rate >= 0)) {
      throw new IllegalArgumentException("feedback learning rate must be >= 0, got " + rate);
    }
    this.fixed = start;
    this.rate = rate;
  }

  @Override
  public boolean crossesChannel(Network network, int layer) {
    return fixed.crossesChannel(network, layer);
  }

  /** The matrix projecting the output error to hidden layer h, or null. */
  public INDArray feedback(int h) {
    return fixed.feedback(h);
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    fixed.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
  }

  @Override
  public void afterUpdate(TrainingStep step) {
    if (rate == 0) {
      return;
    }
    INDArray e = step.outputDelta();
    for (int h = 0; h < step.network().depth() - 1; h++) {
      INDArray d = fixed.feedback(h);
      if (d != null) {
        Blas.gemm(e, step.activations(h + 1), d, true, false, -rate, 1.0);
      }
    }
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return fixed.feedbackAngles(network);
  }
}
