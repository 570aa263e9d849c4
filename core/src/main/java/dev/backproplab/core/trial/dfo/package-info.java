/**
 * Training networks with the derivative-free optimizers of {@link dev.backproplab.core.dfo}: the
 * {@link dev.backproplab.core.trial.dfo.DfoTrainer} of the methods cmaes, sep-cmaes, ga, nelder-mead,
 * sa and es, their trial configuration ({@link dev.backproplab.core.trial.dfo.DfoConfig}; the
 * parameters are the method classes' of {@link dev.backproplab.core.method}), and the evaluators
 * through which a generation is scored in process (stacked through the network) or on Spark executors
 * (only seeds and a broadcast vector crossing the network for ES and seed-genome GA).
 */
package dev.backproplab.core.trial.dfo;
