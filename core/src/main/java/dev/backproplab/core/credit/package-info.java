/**
 * Credit-assignment rules: what error signal reaches each layer in the backward pass. {@link
 * dev.backproplab.core.credit.Backprop} is exact backpropagation; the variants that relax it plug in
 * through {@link dev.backproplab.core.credit.CreditAssignment}: fixed random feedback ({@link
 * dev.backproplab.core.credit.FeedbackAlignment}, also sparse), direct feedback of the output error
 * ({@link dev.backproplab.core.credit.DirectFeedbackAlignment}), their adaptive forms ({@link
 * dev.backproplab.core.credit.AdaptiveRbp}, {@link dev.backproplab.core.credit.AdaptiveSkippedRbp}),
 * sign-symmetric feedback ({@link dev.backproplab.core.credit.SignSymmetry}) and a low-precision
 * error channel for any of them ({@link dev.backproplab.core.credit.QuantizedErrors}). {@link
 * dev.backproplab.core.credit.AlignmentProbe} measures a rule against backprop on the same step.
 * Rules implement the network's {@link dev.backproplab.core.nn.HiddenErrorRule} and receive the step
 * being trained ({@link dev.backproplab.core.nn.TrainingStep}). Feedback arrays are drawn from a passed
 * random source, never ND4J's global one.
 */
package dev.backproplab.core.credit;
