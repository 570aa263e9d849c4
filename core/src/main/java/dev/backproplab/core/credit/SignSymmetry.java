package dev.backproplab.core.credit;

import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.Network;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sign-symmetric feedback (Liao, Leibo &amp; Poggio 2016, "How important is weight symmetry in
 * backpropagation?", AAAI): the error goes back through {@code B = sign(W) * M}, the signs of the
 * current forward weights with magnitudes M that carry no information about W. B is rebuilt from W's
 * signs at every step, one pass over each layer's weights.
 *
 * <p>Magnitudes: {@code unit}, all equal (Liao et al.'s "sign-concordant feedback" with |B| = 1, here
 * {@code scale} times the layer's initial weight standard deviation so the signal keeps backprop's
 * order of magnitude without batch normalisation); {@code fixed}, |N(0, s^2)| drawn once with the same
 * s; {@code redrawn}, drawn afresh at every step ("random magnitude" feedback). Layers without
 * weights pass the error on exactly.
 */
public final class SignSymmetry implements CreditAssignment {

  /** How the feedback magnitudes are chosen. */
  public enum Magnitudes {
    UNIT,
    FIXED,
    REDRAWN
  }

  private final Magnitudes magnitudes;
  private final RandomGenerator rng;
  private final INDArray[] feedback;
  private final DataView[] feedbackViews;
  private final DataView[] weightViews;
  private final float[][] fixedMagnitudes;
  private final double[] std;

  /** Sign-symmetric feedback for {@code network}; {@code rng} draws the random magnitudes. */
  public SignSymmetry(Network network, Magnitudes magnitudes, double scale, RandomGenerator rng) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("need scale > 0, got " + scale);
    }
    this.magnitudes = magnitudes;
    this.rng = rng;
    int depth = network.depth();
    feedback = new INDArray[depth];
    feedbackViews = new DataView[depth];
    weightViews = new DataView[depth];
    fixedMagnitudes = new float[depth][];
    std = new double[depth];
    for (int l = network.firstTrainable() + 1; l < depth; l++) {
      Layer layer = network.layer(l);
      if (layer.hasWeights()) {
        feedback[l] = Feedback.like(layer.weights());
        feedbackViews[l] = DataView.of(feedback[l]);
        weightViews[l] = DataView.of(layer.weights());
        std[l] = scale * layer.initStd();
        if (magnitudes == Magnitudes.FIXED) {
          float[] m = new float[feedbackViews[l].length()];
          for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.abs(rng.nextGaussian() * std[l]);
          }
          fixedMagnitudes[l] = m;
        }
      }
    }
  }

  @Override
  public void hiddenError(
      TrainingStep step, int layer, INDArray deltaAbove, INDArray outputDelta, INDArray errorOut) {
    int l = layer + 1;
    if (feedback[l] != null) {
      refresh(l);
    }
    step.propagateThrough(l, feedback[l], deltaAbove, errorOut);
  }

  private void refresh(int l) {
    DataView b = feedbackViews[l];
    DataView w = weightViews[l];
    int n = b.length();
    switch (magnitudes) {
      case UNIT -> {
        double s = std[l];
        for (int i = 0; i < n; i++) {
          b.set(i, Math.signum(w.get(i)) * s);
        }
      }
      case FIXED -> {
        float[] m = fixedMagnitudes[l];
        for (int i = 0; i < n; i++) {
          b.set(i, Math.signum(w.get(i)) * m[i]);
        }
      }
      case REDRAWN -> {
        double s = std[l];
        for (int i = 0; i < n; i++) {
          b.set(i, Math.signum(w.get(i)) * Math.abs(rng.nextGaussian() * s));
        }
      }
    }
  }

  /** The feedback used at the last step for layer l, or null. */
  public INDArray feedback(int l) {
    return feedback[l];
  }

  @Override
  public double[] feedbackAngles(Network network) {
    return FeedbackAlignment.weightAngles(network, feedback);
  }
}
