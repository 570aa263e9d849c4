package dev.backproplab.core.dfo;

import static dev.backproplab.core.dfo.Checks.checkArgument;
import static dev.backproplab.core.dfo.Checks.checkState;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The ask/tell protocol shared by every optimizer of the package: order and shape checks, the
 * NaN-as-worst rule, evaluation counting, best-so-far bookkeeping and the {@link EvaluationBudget} criteria.
 * Subclasses implement {@link #generate()}, {@link #update(double[][], double[])} and {@link
 * #internalStop(Set)}.
 *
 * <p>Not thread-safe.
 */
abstract class AbstractAskTell implements AskTellOptimizer {
  protected final int n;
  private final EvaluationBudget budget;
  private double[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private long evaluations;
  private int pending = -1;

  AbstractAskTell(double[] x0, EvaluationBudget budget) {
    this.n = x0.length;
    this.budget = budget;
    this.best = x0.clone();
  }

  /** The next candidates; called only when the protocol allows it. */
  protected abstract double[][] generate();

  /**
   * Absorbs checked losses (NaN already replaced by +Infinity) of the last generated candidates;
   * {@code candidates} is null after {@link #tellLossesOnly}.
   */
  protected abstract void update(double[][] candidates, double[] losses);

  /** Adds the optimizer's own stop reasons to {@code reasons}. */
  protected abstract void internalStop(Set<StopReason> reasons);

  @Override
  public final double[][] ask() {
    checkCanAsk();
    double[][] c = generate();
    markAsked(c.length);
    return c;
  }

  /** Protocol check for any form of ask (also the seed-only asks of ES and GA). */
  protected final void checkCanAsk() {
    checkState(pending < 0, "ask() called twice without tell() in between");
    Set<StopReason> reasons = stop();
    checkState(reasons.isEmpty(), "ask() called after the optimizer stopped: %s", reasons);
  }

  /** Records that {@code count} candidates were handed out and a tell is now expected. */
  protected final void markAsked(int count) {
    pending = count;
  }

  @Override
  public final void tell(double[][] candidates, double[] losses) {
    checkState(pending >= 0, "tell() called without a preceding ask()");
    checkArgument(candidates != null && losses != null, "candidates and losses must not be null");
    checkArgument(
        candidates.length == pending,
        "tell() got %d candidates, but ask() gave %d",
        candidates.length,
        pending);
    for (int i = 0; i < candidates.length; i++) {
      checkArgument(candidates[i] != null, "candidate %d is null", i);
      checkArgument(
          candidates[i].length == n,
          "candidate %d has length %d, expected dimension %d",
          i,
          candidates[i].length,
          n);
    }
    double[] f = checkedLosses(losses);
    pending = -1;
    for (int i = 0; i < f.length; i++) {
      evaluations++;
      if (f[i] < bestLoss) {
        bestLoss = f[i];
        best = candidates[i].clone();
      }
    }
    update(candidates, f);
  }

  /**
   * Tell for optimizers whose candidates are regenerated from seeds: {@code regenerate} gives
   * candidate {@code i} (called only for a new best); {@link #update} receives {@code null}
   * candidates.
   */
  protected final void tellLossesOnly(double[] losses, IntFunction<double[]> regenerate) {
    checkState(pending >= 0, "tell() called without a preceding ask()");
    checkArgument(losses != null, "losses must not be null");
    double[] f = checkedLosses(losses);
    pending = -1;
    int bestIndex = -1;
    for (int i = 0; i < f.length; i++) {
      evaluations++;
      if (f[i] < bestLoss) {
        bestLoss = f[i];
        bestIndex = i;
      }
    }
    if (bestIndex >= 0) {
      best = regenerate.apply(bestIndex);
    }
    update(null, f);
  }

  private double[] checkedLosses(double[] losses) {
    checkArgument(
        losses.length == pending,
        "tell() got %d losses, but ask() gave %d candidates",
        losses.length,
        pending);
    double[] f = new double[losses.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = Double.isNaN(losses[i]) ? Double.POSITIVE_INFINITY : losses[i];
    }
    return f;
  }

  @Override
  public final Set<StopReason> stop() {
    EnumSet<StopReason> reasons = EnumSet.noneOf(StopReason.class);
    if (evaluations >= budget.maxEvaluations()) {
      reasons.add(StopReason.MAX_EVALUATIONS);
    }
    if (bestLoss <= budget.targetLoss()) {
      reasons.add(StopReason.TARGET_REACHED);
    }
    internalStop(reasons);
    return reasons;
  }

  @Override
  public final double[] best() {
    return best.clone();
  }

  @Override
  public final double bestLoss() {
    return bestLoss;
  }

  @Override
  public final long evaluations() {
    return evaluations;
  }

  @Override
  public final int dimension() {
    return n;
  }

  /** Whether the budget criteria alone say stop (used by restart logic). */
  final boolean budgetExhausted() {
    return evaluations >= budget.maxEvaluations() || bestLoss <= budget.targetLoss();
  }
}
