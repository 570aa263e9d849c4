package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive random backpropagation, ARBP (Baldi, Sadowski &amp; Lu 2018, "Learning in the machine:
 * random backpropagation and the deep learning channel", Artificial Intelligence 260): feedback
 * alignment ({@link FeedbackAlignment}) whose feedback matrices learn during training by the same
 * local rule as the forward weights, the product of the presynaptic activity and the postsynaptic
 * error carried by the learning channel.
 *
 * <p>The exact rule used here: after each parameter update, for every layer l with feedback,
 * {@code B_l <- B_l - feedback_lr * O_{l-1}^T delta_l / B}, where O_{l-1} is the layer's input on the
 * step's batch, delta_l the error this rule assigned to its pre-activations (after any quantisation)
 * and B the batch size; that product is exactly the weight gradient the step computed, so the update
 * reads it from the gradient buffer ({@link dev.backproplab.core.nn.Layer#weightGradient()}) and costs
 * one pass over the feedback entries. This is Baldi et al.'s ARBP as this project reads it: each
 * channel weight changes by the product of the error the channel carries to its postsynaptic unit and
 * the presynaptic activity, the same local form as the forward weight's own update (their separate
 * channel learning rate is {@code feedback_lr}). The feedback's optimizer is plain SGD at {@code
 * feedback_lr}, whatever the forward weights' {@code optimizer}: so B - W stays at its initial value
 * (and B's alignment with W grows as both move) only when the forward optimizer is also plain SGD with
 * {@code lr = feedback_lr}; with momentum or Adam the two drift apart. W is never read.
 */
public final class AdaptiveRbp implements CreditAssignment {
  private final FeedbackAlignment fixed;
  private final double rate;
  private final DataView[] feedbackViews;
  private final DataView[] gradientViews;

  /** Adapts the feedback of {@code start} (whose arrays it takes over) at learning rate {@code rate}. */
  public AdaptiveRbp(Network network, FeedbackAlignment start, double rate) {
    if (!(rate >= 0)) {
      throw new IllegalArgumentException("feedback learning rate must be >= 0, got " + rate);
    }
    this.fixed = start;
    this.rate = rate;
    feedbackViews = new DataView[network.depth()];
    gradientViews = new DataView[network.depth()];
    for (int l = 0; l < network.depth(); l++) {
      INDArray b = start.feedback(l);
      if (b != null) {
        feedbackViews[l] = DataView.of(b);
        gradientViews[l] = DataView.of(network.layer(l).weightGradient());
      }
    }
  }

  /** The feedback standing in for layer l's weights, or null. */
  public INDArray feedback(int l) {
    return fixed.feedback(l);
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    fixed.hiddenError(step, layer, deltaAbove, outputDelta, errorOut);
  }

  @Override
  public void afterUpdate(TrainingStep step) {
    for (int l = 0; l < feedbackViews.length; l++) {
      DataView b = feedbackViews[l];
      if (b != null) {
        DataView g = gradientViews[l];
        for (int i = 0, n = b.length(); i < n; i++) {
          b.set(i, b.get(i) - rate * g.get(i));
        }
      }
    }
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return fixed.feedbackAngles(network);
  }
}
