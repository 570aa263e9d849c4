package dev.backproplab.core.trial;

/**
 * One measured point of a trial's convergence curve. Nullable fields are absent for methods that
 * do not produce them (train loss before the first step; diagnostics when off; sigma and fitness
 * for gradient methods).
 *
 * @param step optimizer steps so far
 * @param epoch samples seen divided by the training-set size
 * @param samplesSeen training examples pushed through a forward pass so far (the common cost axis)
 * @param evaluations loss evaluations so far (one per minibatch step for gradient methods)
 * @param wallSeconds seconds since the trial started
 * @param trainLoss mean minibatch loss since the previous point, or null
 * @param valLoss mean loss on the validation split (what early stopping and selection look at)
 * @param valAccuracy accuracy on the validation split
 * @param testLoss mean loss on the test split
 * @param testAccuracy accuracy on the test split
 * @param alignmentAngles per hidden layer, degrees between the rule's error signal and backprop's, or null
 * @param updateNorms per layer, the norm of the last update, or null
 * @param sigma step size of a derivative-free method, or null
 * @param bestFitness best fitness so far of a derivative-free method, or null
 * @param fitnessSpread spread of the last population's fitness, or null
 * @param feedbackAngles per layer with feedback, degrees between its forward weights and the credit
 *     rule's feedback, or null
 * @param moduleStaleness per module of ddg, the mean staleness (steps) of the gradients applied since
 *     the previous point, or null
 * @param moduleGradientNorms per module of ddg, the norm of its most recent measured gradient, or null
 * @param blackboxCalls calls the blackbox layer's Jacobian estimates spent so far (forward calls not
 *     included), or null for a network without one
 * @param blackboxAngle degrees between the estimated and the true {@code J^T v} through the blackbox
 *     layer on the last step, or null where the function has no derivative or there is no such layer
 */
public record CurvePoint(
    long step,
    double epoch,
    long samplesSeen,
    long evaluations,
    double wallSeconds,
    Double trainLoss,
    double valLoss,
    double valAccuracy,
    double testLoss,
    double testAccuracy,
    double[] alignmentAngles,
    double[] updateNorms,
    Double sigma,
    Double bestFitness,
    Double fitnessSpread,
    double[] feedbackAngles,
    double[] moduleStaleness,
    double[] moduleGradientNorms,
    Long blackboxCalls,
    Double blackboxAngle) {

  /** A point of a method without modules, of a network without a blackbox layer. */
  public CurvePoint(long step, double epoch, long samplesSeen, long evaluations, double wallSeconds,
      Double trainLoss, double valLoss, double valAccuracy, double testLoss, double testAccuracy,
      double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness, Double fitnessSpread,
      double[] feedbackAngles) {
    this(step, epoch, samplesSeen, evaluations, wallSeconds, trainLoss, valLoss, valAccuracy, testLoss,
        testAccuracy, alignmentAngles, updateNorms, sigma, bestFitness, fitnessSpread, feedbackAngles, null, null);
  }

  /** A point of a network without a blackbox layer. */
  public CurvePoint(long step, double epoch, long samplesSeen, long evaluations, double wallSeconds,
      Double trainLoss, double valLoss, double valAccuracy, double testLoss, double testAccuracy,
      double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness, Double fitnessSpread,
      double[] feedbackAngles, double[] moduleStaleness, double[] moduleGradientNorms) {
    this(step, epoch, samplesSeen, evaluations, wallSeconds, trainLoss, valLoss, valAccuracy, testLoss,
        testAccuracy, alignmentAngles, updateNorms, sigma, bestFitness, fitnessSpread, feedbackAngles,
        moduleStaleness, moduleGradientNorms, null, null);
  }

  /**
   * The largest of the modules' mean staleness (module 0's: K - 1 once the pipeline is full), or
   * null for a method without modules or when no module applied a gradient since the last point.
   */
  public Double staleness() {
    if (moduleStaleness == null) {
      return null;
    }
    double max = Double.NaN;
    for (double s : moduleStaleness) {
      if (!Double.isNaN(s) && !(s <= max)) {
        max = s;
      }
    }
    return Double.isNaN(max) ? null : max;
  }
}
