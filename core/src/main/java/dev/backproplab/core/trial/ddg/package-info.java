/**
 * Decoupled parallel backpropagation (Huo, Gu, Yang &amp; Huang, ICML 2018, "Decoupled Parallel
 * Backpropagation with Convergence Guarantee"), method {@code ddg}: the network split at layer
 * boundaries into K modules ({@link dev.backproplab.core.trial.ddg.Split}), each trained on its own
 * thread ({@link dev.backproplab.core.trial.ddg.Stage}) with the gradient that reaches it K - 1 - k
 * steps late, activations and errors handed on through bounded channels ({@link
 * dev.backproplab.core.trial.ddg.Channel}); {@link dev.backproplab.core.trial.ddg.DdgTrainer} drives
 * the pipeline from the trial's thread and shuts it down. In barrier execution each module is a
 * process of its own ({@link dev.backproplab.core.trial.ddg.BarrierModule}, one Spark task), the
 * hand-offs TCP connections ({@link dev.backproplab.core.trial.ddg.SocketLink}) with the same schedule.
 */
package dev.backproplab.core.trial.ddg;
