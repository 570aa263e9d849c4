package dev.backproplab.core.blackbox;

/**
 * An estimated vector ({@code J^T v}) and the blackbox calls it cost.
 *
 * @param values the estimate
 * @param calls calls spent on it
 */
public record VectorEstimate(double[] values, long calls) {}
