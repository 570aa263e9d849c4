package dev.backproplab.core.nn;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Names;

/**
 * Elementwise activation functions. Each derivative is written in terms of the activation's output
 * {@code a = f(z)}, so a layer keeps only its outputs for the backward pass.
 */
public enum Activation {
  /** max(0, z); derivative 1 where a > 0 (0 at z = 0, as in DL4J). */
  RELU {
    @Override
    double apply(double z) {
      return z > 0 ? z : 0.0;
    }

    @Override
    double derivativeFromOutput(double a) {
      return a > 0 ? 1.0 : 0.0;
    }
  },
  /** tanh(z); derivative 1 - a^2. */
  TANH {
    @Override
    double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    double derivativeFromOutput(double a) {
      return 1.0 - a * a;
    }
  },
  /** 1 / (1 + e^-z); derivative a (1 - a). */
  SIGMOID {
    @Override
    double apply(double z) {
      return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    double derivativeFromOutput(double a) {
      return a * (1.0 - a);
    }
  },
  /** z; derivative 1. Used for the logits that feed the softmax loss. */
  IDENTITY {
    @Override
    double apply(double z) {
      return z;
    }

    @Override
    double derivativeFromOutput(double a) {
      return 1.0;
    }
  };

  abstract double apply(double z);

  abstract double derivativeFromOutput(double a);

  /** Parses a sweep-file name ({@code relu}, {@code tanh}, {@code sigmoid}); hidden layers only. */
  public static Activation parse(String name) {
    Activation a = Names.parse(Activation.class, name, "activation");
    if (a == IDENTITY) {
      throw new InvalidInputException("activation 'identity' is for the logits only: expected relu, tanh or sigmoid");
    }
    return a;
  }
}
