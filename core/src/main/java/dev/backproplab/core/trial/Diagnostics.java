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
 */
public record Diagnostics(
    double[] alignmentAngles, double[] updateNorms, Double sigma, Double bestFitness,
    Double fitnessSpread) {

  /** Nothing measured. */
  public static final Diagnostics NONE = new Diagnostics(null, null, null, null, null);
}
