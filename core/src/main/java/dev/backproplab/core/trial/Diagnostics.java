package dev.backproplab.core.trial;

/**
 * The optional columns of a curve point: a credit rule's alignment with backprop and its update
 * norms, or a derivative-free method's step size and fitness. Null fields are not measured.
 *
 * @param alignmentAngles per hidden layer, degrees between the rule's error signal and backprop's
 * @param updateNorms per layer, the norm of the last update
 * @param sigma step size of a derivative-free method
 * @param bestFitness best fitness so far
 * @param fitnessSpread spread of the last population's fitness
 * @param feedbackAngles per layer with feedback, degrees between its forward weights and the rule's
 *     feedback (see {@link dev.backproplab.core.credit.CreditAssignment#feedbackAngles})
 * @param moduleStaleness per module of a module-parallel method (ddg), the mean staleness in steps of
 *     the gradients it applied since the last point (NaN: none applied)
 * @param moduleGradientNorms per module, the norm of its most recent measured gradient (NaN: none yet)
 */
public record Diagnostics(
    double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness,
    Double fitnessSpread, double[] feedbackAngles, double[] moduleStaleness, double[] moduleGradientNorms) {

  /** Diagnostics of a credit rule or a derivative-free method (no modules). */
  public Diagnostics(
      double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness,
      Double fitnessSpread, double[] feedbackAngles) {
    this(alignmentAngles, updateNorms, sigma, bestFitness, fitnessSpread, feedbackAngles, null, null);
  }

  /** Diagnostics without feedback angles. */
  public Diagnostics(
      double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness,
      Double fitnessSpread) {
    this(alignmentAngles, updateNorms, sigma, bestFitness, fitnessSpread, null);
  }

  /** The per-module figures of a module-parallel method. */
  public static Diagnostics ofModules(double[] staleness, double[] gradientNorms) {
    return new Diagnostics(null, null, null, null, null, null, staleness, gradientNorms);
  }

  /** Nothing measured. */
  public static final Diagnostics NONE = new Diagnostics(null, null, null, null, null);
}
