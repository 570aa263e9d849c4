/**
 * Derivative-free optimizers, all driven by ask/tell ({@link dev.backproplab.core.dfo.AskTellOptimizer}):
 * CMA-ES with full covariance, active update and IPOP restarts ({@link
 * dev.backproplab.core.dfo.CmaEsConfig}), separable CMA-ES ({@link
 * dev.backproplab.core.dfo.SepCmaEsConfig}), a genetic algorithm with optional seed-list genomes
 * ({@link dev.backproplab.core.dfo.GaConfig}), Nelder-Mead ({@link
 * dev.backproplab.core.dfo.NelderMeadConfig}), simulated annealing ({@link
 * dev.backproplab.core.dfo.SaConfig}) and OpenAI-style evolution strategies ({@link
 * dev.backproplab.core.dfo.EsConfig}).
 *
 * <p>Each optimizer is described by an immutable, validated config record (bad values throw {@link
 * dev.backproplab.core.InvalidInputException}) that makes single-use optimizers from an initial point
 * and a random source: {@code OptimizerConfig.create(x0, random)}. Optimizers work on {@code double[]}
 * (no ND4J), use no global state and no threads of their own; the driver owns an optimizer and
 * executors only evaluate candidates:
 *
 * <pre>{@code
 * AskTellOptimizer opt = CmaEsConfig.of(0.5, new EvaluationBudget(10_000, 1e-8)).create(x0, rng.split());
 * while (opt.stop().isEmpty()) {
 *   double[][] x = opt.ask();
 *   double[] f = evaluate(x);          // anywhere: a loop, threads, a Spark job
 *   opt.tell(x, f);
 * }
 * Set<StopReason> why = opt.stop();    // e.g. [TARGET_REACHED]
 * double[] best = opt.best();
 * }</pre>
 *
 * <p>NaN losses count as +Infinity (worst). Misuse of the protocol throws {@link
 * IllegalStateException} or {@link IllegalArgumentException}.
 */
package dev.backproplab.core.dfo;
