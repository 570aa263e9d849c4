package dev.backproplab.core.trial;

import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.credit.QuantizedErrors;
import dev.backproplab.core.credit.Quantizer;
import dev.backproplab.core.credit.WithoutDerivative;
import dev.backproplab.core.nn.Network;
import java.io.Serializable;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The configuration of a trial trained by minibatch gradients with a credit-assignment rule (exact
 * backprop or one of its variants): the updater and batch, the rule, and the two settings every rule
 * takes.
 *
 * @param method the method's name
 * @param gradient updater, batch size, precision
 * @param errorBits bits of the error signals below 32 quantise them ({@link QuantizedErrors}); 32 is exact
 * @param rounding how {@code errorBits} rounds: to the nearest level or stochastically
 * @param derivative false for Baldi et al.'s control without the activation derivative ({@link
 *     WithoutDerivative})
 * @param diagnosticsEvery steps between alignment diagnostics, 0 for none
 * @param rule makes the rule for the trial's network
 */
public record CreditConfig(String method, GradientConfig gradient, int errorBits, Quantizer.Rounding rounding,
    boolean derivative, int diagnosticsEvery, RuleFactory rule) implements MethodConfig {

  /** Makes a credit-assignment rule for a network; serializable, so a config can travel to executors. */
  @FunctionalInterface
  public interface RuleFactory extends Serializable {
    /** The rule for {@code network}, its random feedback (if any) drawn from {@code feedback}. */
    CreditAssignment make(Network network, SplittableRandom feedback);
  }

  public CreditConfig {
    if (errorBits < 1 || errorBits > 32) {
      throw new IllegalArgumentException("error bits must be in [1, 32], got " + errorBits);
    }
    if (diagnosticsEvery < 0) {
      throw new IllegalArgumentException("diagnostics interval must be >= 0, got " + diagnosticsEvery);
    }
  }

  /**
   * The trial's rule for {@code network}, its feedback drawn from {@code feedback}: wrapped in {@link
   * WithoutDerivative} when {@code derivative} is false, and in {@link QuantizedErrors} when {@code
   * errorBits < 32} (stochastic rounding drawn from {@code noise}).
   */
  public CreditAssignment rule(Network network, SplittableRandom feedback, SplittableRandom noise) {
    CreditAssignment r = rule.make(network, feedback);
    r = derivative ? r : new WithoutDerivative(r);
    return errorBits < 32 ? new QuantizedErrors(r, errorBits, rounding, noise) : r;
  }

  @Override
  public DataType dataType() {
    return gradient.dataType();
  }

  @Override
  public Trainer trainer() {
    return new GradientTrainer(this);
  }
}
