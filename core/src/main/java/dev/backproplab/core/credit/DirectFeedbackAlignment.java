package dev.backproplab.core.credit;

import dev.backproplab.core.nn.Blas;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct feedback alignment (Nokland 2016, "Direct feedback alignment provides learning in deep
 * neural networks"), skipped RBP in Baldi, Sadowski &amp; Lu 2018, "Learning in the machine: random
 * backpropagation and the deep learning channel": the output error e (at the logits) is sent straight
 * to every hidden layer h with weights through its own fixed random matrix D_h, {@code [classes,
 * width_h]}, then multiplied by that layer's activation derivative: {@code delta_h = (e D_h) * f'(a_h)}.
 * For a convolution the projection lands on the layer's whole output (channels x height x width).
 * Layers without weights (pooling, flatten) get no error: nothing below them needs one. No forward
 * weight is ever read.
 *
 * <p>Entries of D_h are Gaussian with standard deviation {@code scale * sqrt(2 / (width_h + classes))},
 * the Glorot scale of a layer from h straight to the logits.
 */
public final class DirectFeedbackAlignment implements CreditAssignment {
  private final INDArray[] feedback;

  /**
   * A rule with copies of the given matrices: {@code feedback[h]}, {@code [classes, width(h)]}
   * row-major, for every hidden layer h with weights; null elsewhere. Copies, so an array that shares
   * memory with forward weights cannot turn the rule into something else as those weights train.
   */
  public DirectFeedbackAlignment(Network network, INDArray[] feedback) {
    if (feedback.length != network.depth()) {
      throw new IllegalArgumentException("expected " + network.depth() + " entries, got " + feedback.length);
    }
    for (int h = network.firstTrainable(); h < network.depth() - 1; h++) {
      if (network.layer(h).hasWeights()) {
        INDArray d = feedback[h];
        if (d == null || d.rows() != network.classes() || d.columns() != network.width(h) || d.ordering() != 'c') {
          throw new IllegalArgumentException("direct feedback for layer " + h + " must be ["
              + network.classes() + ", " + network.width(h) + "] row-major");
        }
      }
    }
    this.feedback = new INDArray[feedback.length];
    for (int h = 0; h < feedback.length; h++) {
      this.feedback[h] = feedback[h] == null ? null : feedback[h].dup('c');
    }
  }

  /** Random matrices from {@code rng}; see the class comment for the distribution. */
  public static DirectFeedbackAlignment random(Network network, RandomGenerator rng, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("need scale > 0, got " + scale);
    }
    INDArray[] d = new INDArray[network.depth()];
    int classes = network.classes();
    for (int h = network.firstTrainable(); h < network.depth() - 1; h++) {
      if (network.layer(h).hasWeights()) {
        int width = network.width(h);
        d[h] = Feedback.gaussian(network.dataType(), classes, width, rng,
            scale * Math.sqrt(2.0 / (width + classes)));
      }
    }
    return new DirectFeedbackAlignment(network, d);
  }

  /** The matrix projecting the output error to hidden layer h, or null. */
  public INDArray feedback(int h) {
    return feedback[h];
  }

  /** The projection {@code e D_h} is what crosses the channel, to every layer with a matrix. */
  @Override
  public boolean crossesChannel(Network network, int layer) {
    return feedback[layer] != null;
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    INDArray d = feedback[layer];
    if (d != null) {
      Blas.gemm(outputDelta, d, errorOut, false, false, 1.0, 0.0);
    }
  }

  /**
   * Per hidden layer with weights, from the input up (the convention of {@link
   * CreditAssignment#feedbackAngles}), the angle between D_h^T and the product of the forward weights
   * above it, W_{h+1} ... W_L (the matrix backprop would use if the network were linear); NaN when a
   * layer above is not dense.
   */
  @Override
  public double[] feedbackAngles(Network network) {
    return java.util.stream.IntStream.range(0, feedback.length)
        .filter(h -> feedback[h] != null)
        .mapToDouble(h -> {
          INDArray product = null;
          for (int l = h + 1; l < network.depth(); l++) {
            if (!(network.layer(l) instanceof dev.backproplab.core.nn.DenseLayer)) {
              return Double.NaN;
            }
            INDArray w = network.layer(l).weights();
            product = product == null ? w.dup() : product.mmul(w);
          }
          return Feedback.degrees(product, feedback[h].transpose());
        })
        .toArray();
  }
}
