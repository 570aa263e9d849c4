/**
 * Trials: the resolved spec of one training run ({@link dev.backproplab.core.trial.TrialSpec}) with
 * its method's typed configuration ({@link dev.backproplab.core.trial.MethodConfig}), its seed tree
 * ({@link dev.backproplab.core.trial.Seeds}), and the runner that turns a spec and data into
 * convergence points and a result. The methods themselves are in {@link dev.backproplab.core.method}.
 */
package dev.backproplab.core.trial;
