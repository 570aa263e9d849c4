/**
 * Hyperparameter search by the derivative-free optimizers of {@link dev.backproplab.core.dfo}: the
 * search space and its encoding ({@link dev.backproplab.core.tune.SearchSpace}), the objective on the
 * validation split ({@link dev.backproplab.core.tune.Objective}), a method block's {@code tune:}
 * ({@link dev.backproplab.core.tune.TuneSpec}) and the driver-side proposer of each generation's
 * configurations ({@link dev.backproplab.core.tune.Tuner}).
 */
package dev.backproplab.core.tune;
