/**
 * Blackbox functions and the estimators of their Jacobians, after Choromanski &amp; Sindhwani (NeurIPS
 * 2017, "On Blackbox Backpropagation and Jacobian Sensing"). A {@link
 * dev.backproplab.core.blackbox.Blackbox} is a function {@code f: R^n -> R^m} that can only be called
 * (possibly noisy, possibly not differentiable); it counts its calls and may declare its input-output
 * {@link dev.backproplab.core.blackbox.DependencyPattern}. A {@link
 * dev.backproplab.core.blackbox.JacobianEstimator} recovers {@code J} (or the left action {@code J^T v}
 * backprop needs) from calls on perturbed inputs and reports the calls it spent:
 * <ul>
 *   <li>{@link dev.backproplab.core.blackbox.FiniteDifferences}: forward (n calls) or central (2n);
 *   <li>{@link dev.backproplab.core.blackbox.RandomDirections}: Gaussian smoothing, plain or antithetic;
 *   <li>{@link dev.backproplab.core.blackbox.ColouredDifferences}: one perturbation per colour of a greedy
 *       colouring of the pattern's column-intersection graph ({@link
 *       dev.backproplab.core.blackbox.Colouring}), exact for a noiseless sparse Jacobian in as many calls
 *       as colours;
 *   <li>{@link dev.backproplab.core.blackbox.SparseRecovery}: random perturbations decoded row by row by
 *       L1 regression, a linear program solved by ojAlgo (docs/adr/0018), robust to a fraction of grossly
 *       wrong calls; least squares for comparison.
 * </ul>
 *
 * <p>Everything works on {@code double[]}; randomness is passed in; nothing here is thread-safe (a
 * blackbox's call counter belongs to one thread).
 */
package dev.backproplab.core.blackbox;
