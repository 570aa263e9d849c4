/**
 * Trials: the resolved spec of one training run ({@link dev.backproplab.core.trial.TrialSpec}), the
 * hyperparameters each method accepts ({@link dev.backproplab.core.trial.Methods}), and the runner that
 * turns a spec and data into convergence points and a result.
 */
package dev.backproplab.core.trial;
