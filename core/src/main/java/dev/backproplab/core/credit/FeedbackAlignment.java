package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.Network;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feedback alignment (Lillicrap, Cownden, Tweed &amp; Akerman 2016, "Random synaptic feedback weights
 * support error backpropagation for deep learning"), called random backpropagation, RBP, by Baldi,
 * Sadowski &amp; Lu 2018, "Learning in the machine: random backpropagation and the deep learning
 * channel": the error reaching hidden layer l is the error of layer l + 1 carried back through a fixed
 * random matrix B_{l+1} of W_{l+1}'s shape in place of W_{l+1}, {@code e_l = delta_{l+1} B_{l+1}^T}; for
 * a convolution, B is a random kernel and the error goes back by the transposed convolution with it.
 * Layers without weights (pooling, flatten) pass the error on exactly. W is never read.
 *
 * <p>With {@code density < 1} this is sparse RBP (Baldi et al. 2018, sparse random backpropagation:
 * each neuron receives feedback from a fixed number of the units above): every receiving unit (an
 * input of a dense layer, an input channel of a convolution) gets exactly {@code max(1,
 * round(density * fan))} non-zero entries among the {@code fan} entries of B that reach it, so no unit
 * is left without error. Feedback entries are Gaussian with the standard deviation of the layer's
 * initial weights times {@code scale}, the kept entries divided by the square root of the kept share.
 * Given B = W (a copy of the forward weights at that moment), the rule is backprop's first step.
 */
public final class FeedbackAlignment implements CreditAssignment {
  private final INDArray[] feedback;

  /**
   * A rule with copies of the given feedback arrays, indexed by layer: {@code feedback[l]} stands in
   * for the weights of layer l, shaped and ordered as them; null for layers without weights and for
   * the lowest trainable layer (whose input error is never needed). Copies, so B = W given as a view
   * of the weights stays the initial W instead of silently following W (which would be backprop).
   */
  public FeedbackAlignment(Network network, INDArray[] feedback) {
    if (feedback.length != network.depth()) {
      throw new IllegalArgumentException("expected " + network.depth() + " feedback arrays, got " + feedback.length);
    }
    for (int l = network.firstTrainable() + 1; l < network.depth(); l++) {
      Layer layer = network.layer(l);
      if (layer.hasWeights() && (feedback[l] == null
          || !Arrays.equals(feedback[l].shape(), layer.weights().shape())
          || feedback[l].ordering() != layer.weights().ordering())) {
        throw new IllegalArgumentException("feedback for layer " + l + " " + layer.describe()
            + " must be shaped " + Arrays.toString(layer.weights().shape()) + " in order "
            + layer.weights().ordering());
      }
    }
    this.feedback = new INDArray[feedback.length];
    for (int l = 0; l < feedback.length; l++) {
      this.feedback[l] = feedback[l] == null ? null : feedback[l].dup(feedback[l].ordering());
    }
  }

  /** Random feedback from {@code rng}; see the class comment for the distribution. */
  public static FeedbackAlignment random(Network network, RandomGenerator rng, double scale, double density) {
    if (!(scale > 0) || !(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("need scale > 0 and density in (0, 1], got " + scale + ", " + density);
    }
    INDArray[] b = new INDArray[network.depth()];
    for (int l = network.firstTrainable() + 1; l < network.depth(); l++) {
      if (network.layer(l).hasWeights()) {
        b[l] = Feedback.random(network.layer(l), rng, scale, density);
      }
    }
    return new FeedbackAlignment(network, b);
  }

  /** The feedback standing in for layer l's weights, or null. */
  public INDArray feedback(int l) {
    return feedback[l];
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    step.propagateThrough(layer + 1, feedback[layer + 1], deltaAbove, errorOut);
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return weightAngles(network, feedback);
  }

  /**
   * Per layer with feedback, from the input up, the angle between its weights and its feedback: entry
   * k belongs to the k-th hidden layer with weights, whose error that feedback delivers (the
   * convention of {@link CreditAssignment#feedbackAngles}).
   */
  static double[] weightAngles(Network network, INDArray[] feedback) {
    return java.util.stream.IntStream.range(0, feedback.length)
        .filter(l -> feedback[l] != null)
        .mapToDouble(l -> Feedback.degrees(network.layer(l).weights(), feedback[l]))
        .toArray();
  }
}
