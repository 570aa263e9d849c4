package dev.backproplab.core.nn;

/** Mean loss and accuracy of a network over a set of examples. */
public record Evaluation(double loss, double accuracy, int examples) {}
