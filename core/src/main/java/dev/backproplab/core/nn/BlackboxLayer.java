package dev.backproplab.core.nn;

import dev.backproplab.core.blackbox.Blackbox;
import dev.backproplab.core.blackbox.BlackboxSpec;
import dev.backproplab.core.blackbox.JacobianEstimator;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer nobody can differentiate: a {@link Blackbox} of {@code width -> width} called once per
 * example in the forward pass, and in the backward pass a {@link JacobianEstimator} that turns the
 * error at its output into {@code J^T v} at its input from calls on perturbed inputs (Choromanski &amp;
 * Sindhwani 2017, "On Blackbox Backpropagation and Jacobian Sensing"); with {@code estimator: exact}
 * the function's true derivative instead. No parameters. Every credit rule reaches the layers below
 * through {@link #propagate}, so bp and the feedback rules train through it alike (direct feedback
 * never needs it).
 *
 * <p>The layer counts the calls its estimates spent ({@link #estimationCalls}, forward calls not
 * included) and, when the function has a derivative, the angle in degrees between the estimated and
 * the true {@code J^T v} over the last backward pass's batch ({@link #lastAngle}). Its function's random
 * entries, its noise and its estimator's perturbations come from three streams split from the
 * network's initialisation stream. Not thread-safe.
 */
public final class BlackboxLayer extends Layer {
  private final int width;
  private final BlackboxSpec spec;
  private final JacobianEstimator estimator;
  private Blackbox box;
  private RandomGenerator perturbations;
  /** The forward output of the last batch, f(x) to the estimators: the backward pass follows its forward. */
  private INDArray lastOut;
  private long estimationCalls;
  private double lastAngle = Double.NaN;

  /** A blackbox layer of {@code width} features as {@code spec} describes. */
  public BlackboxLayer(int width, BlackboxSpec spec) {
    this.width = width;
    this.spec = spec;
    this.estimator = spec.estimatorOrNull();
  }

  @Override
  public int inputSize() {
    return width;
  }

  @Override
  public int outputSize() {
    return width;
  }

  @Override
  public int numParams() {
    return 0;
  }

  @Override
  public String describe() {
    return "blackbox(" + width + "," + spec.describe() + ")";
  }

  /** Calls spent by the backward passes' estimates so far. */
  public long estimationCalls() {
    return estimationCalls;
  }

  /** Degrees between the estimated and the true {@code J^T v} on the last backward pass; NaN without a derivative. */
  public double lastAngle() {
    return lastAngle;
  }

  @Override
  void bind(INDArray params, INDArray gradients, long offset) {}

  @Override
  void initialize(RandomGenerator rng) {
    SplittableRandom root = new SplittableRandom(rng.nextLong());
    box = new Blackbox(spec.function(width, root.split()), spec.pattern(width), spec.noise(), root.split());
    perturbations = root.split();
  }

  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    DataView x = DataView.of(in);
    for (int b = 0; b < batch; b++) {
      double[] y = box.call(row(x, b));
      for (int j = 0; j < width; j++) {
        outView.set(b * width + j, y[j]);
      }
    }
    lastOut = out;
  }

  @Override
  void parameterGradients(INDArray in, INDArray delta, DataView deltaView, int batch) {}

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    DataView x = DataView.of(in);
    DataView v = DataView.of(delta);
    DataView fx = DataView.of(lastOut);
    DataView e = DataView.of(errorIn);
    double dot = 0;
    double estNorm = 0;
    double trueNorm = 0;
    long before = box.calls();
    for (int b = 0; b < batch; b++) {
      double[] xb = row(x, b);
      double[] vb = row(v, b);
      double[] truth = spec.hasDerivative() ? box.exactTransposeTimes(xb, vb) : null;
      double[] est = estimator == null ? truth : estimator.transposeTimes(box, xb, row(fx, b), vb, perturbations).values();
      for (int j = 0; j < width; j++) {
        e.set(b * width + j, est[j]);
        if (truth != null) {
          dot += est[j] * truth[j];
          estNorm += est[j] * est[j];
          trueNorm += truth[j] * truth[j];
        }
      }
    }
    estimationCalls += box.calls() - before;
    if (spec.hasDerivative()) {
      double cos = dot / Math.sqrt(estNorm * trueNorm);
      lastAngle = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cos))));
    }
  }

  private double[] row(DataView view, int b) {
    double[] r = new double[width];
    for (int j = 0; j < width; j++) {
      r[j] = view.get(b * width + j);
    }
    return r;
  }
}
