package dev.backproplab.core.dfo;

import java.util.Set;

/**
 * A derivative-free minimizer driven from outside: the caller asks for candidates, evaluates them
 * wherever it likes (a loop, threads, a Spark job) and tells the losses back.
 *
 * <p><b>Call order.</b> {@code while (opt.stop().isEmpty()) { x = opt.ask(); f = eval(x);
 * opt.tell(x, f); }}. Every {@code ask()} must be followed by exactly one {@code tell(...)} with as
 * many candidates (rows of the dimension's length) as were asked, in the same order, before the next
 * {@code ask()}. Breaking the order throws {@link IllegalStateException}; wrong shapes throw {@link
 * IllegalArgumentException}; calling {@code ask()} when {@link #stop()} is non-empty throws {@link
 * IllegalStateException}.
 *
 * <p><b>Losses.</b> Lower is better. A NaN loss is treated as {@code +Infinity} (the worst value),
 * as CMA-ES practice does, so one diverged candidate does not end the run; {@code -Infinity} is
 * accepted as a (best possible) value.
 *
 * <p><b>Threads.</b> Implementations are single-use and not thread-safe: one driver thread owns the
 * optimizer; executors only evaluate. Same configuration + same seed + same losses gives the same
 * candidates, bit for bit.
 */
public interface AskTellOptimizer {

  /** The candidates to evaluate next; rows are fresh arrays the caller may keep. */
  double[][] ask();

  /**
   * Reports the losses of the candidates of the last {@link #ask()}, row {@code i} having loss {@code
   * losses[i]}. Some optimizers (CMA-ES, GA) use the candidate values as told (so a caller may repair
   * them into a feasible region); the others only check their shape.
   */
  void tell(double[][] candidates, double[] losses);

  /** Why the optimizer should stop; empty when it should go on. Never null. */
  Set<StopReason> stop();

  /** The best candidate evaluated so far (a copy); the initial point before any tell. */
  double[] best();

  /** The loss of {@link #best()}; {@code +Infinity} before any tell. */
  double bestLoss();

  /** The number of losses told so far. */
  long evaluations();

  /**
   * The optimizer's current scale, for learning curves: sigma for CMA-ES and ES, the mutation
   * strength for GA, the temperature for SA, the simplex diameter for Nelder-Mead.
   */
  double stepSize();

  /** The dimension of the search space. */
  int dimension();

  /**
   * Starts a generation in its most compact form (see {@link Generation}): by default the asked
   * vectors; optimizers whose candidates regenerate from seeds (ES, seed-genome GA) return seeds.
   * Counts as {@link #ask()}; answer with {@link #tellGeneration}. Both paths give the same run.
   */
  default Generation askGeneration() {
    return new Generation.Vectors(ask());
  }

  /** Tells the losses of {@code generation}, the one the last {@link #askGeneration()} returned. */
  default void tellGeneration(Generation generation, double[] losses) {
    tell(((Generation.Vectors) generation).vectors(), losses);
  }

  /**
   * The vector that stands for the search's current solution (a copy): by default the best candidate
   * so far; the distribution's mean for CMA-ES and ES, the current state for simulated annealing.
   */
  default double[] solution() {
    return best();
  }
}
