package dev.backproplab.core.dfo;

import java.util.Set;

/**
 * The Nelder-Mead simplex method as an ask/tell state machine (see {@link NelderMeadConfig} for the
 * papers). The first {@code ask()} gives the n + 1 vertices of the initial simplex; then each step asks
 * for one point (reflection, expansion, outside or inside contraction) or n points (shrink):
 *
 * <pre>
 * REFLECT --better than best--> EXPAND --> REFLECT
 *         --between--> accept, REFLECT
 *         --worse than 2nd worst--> CONTRACT_OUTSIDE or CONTRACT_INSIDE --fail--> SHRINK --> REFLECT
 * </pre>
 *
 * <p>With {@link NelderMeadConfig#reevaluate()}, every completed step is followed by INIT's ask
 * again: all n + 1 vertices evaluated anew and re-sorted, so with a noisy loss the simplex is ordered
 * by current losses. Stops with {TOLX, TOLFUN} when the simplex is smaller than tolX and its losses
 * span at most tolFun. Deterministic (uses no randomness). Call order as in {@link AskTellOptimizer}; not
 * thread-safe.
 */
public final class NelderMead extends AbstractAskTell {
  private enum Phase {
    INIT,
    REFLECT,
    EXPAND,
    CONTRACT_OUTSIDE,
    CONTRACT_INSIDE,
    SHRINK
  }

  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double delta;
  private final double tolX;
  private final double tolFun;
  private final double[][] x;
  private final double[] f;
  private final double[] centroid;
  private double[] reflected;
  private double reflectedLoss;
  private Phase phase = Phase.INIT;
  private final boolean reevaluate;

  NelderMead(double[] x0, NelderMeadConfig config) {
    super(x0, config.budget());
    double[] c = config.coefficients().values(n);
    alpha = c[0];
    beta = c[1];
    gamma = c[2];
    delta = c[3];
    tolX = config.tolX();
    tolFun = config.tolFun();
    reevaluate = config.reevaluate();
    x = new double[n + 1][];
    f = new double[n + 1];
    x[0] = x0.clone();
    for (int i = 1; i <= n; i++) {
      x[i] = x0.clone();
      x[i][i - 1] += config.initialStep();
    }
    centroid = new double[n];
  }

  @Override
  protected double[][] generate() {
    switch (phase) {
      case INIT:
        return copies(0);
      case REFLECT:
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += x[i][j];
          }
          centroid[j] = s / n;
        }
        return new double[][] {along(alpha)};
      case EXPAND:
        return new double[][] {along(alpha * beta)};
      case CONTRACT_OUTSIDE:
        return new double[][] {along(alpha * gamma)};
      case CONTRACT_INSIDE:
        return new double[][] {along(-gamma)};
      case SHRINK:
        double[][] s = copies(1);
        for (double[] v : s) {
          for (int j = 0; j < n; j++) {
            v[j] = x[0][j] + delta * (v[j] - x[0][j]);
          }
        }
        return s;
      default:
        throw new AssertionError(phase);
    }
  }

  /** centroid + t * (centroid - worst). */
  private double[] along(double t) {
    double[] p = new double[n];
    for (int j = 0; j < n; j++) {
      p[j] = centroid[j] + t * (centroid[j] - x[n][j]);
    }
    return p;
  }

  private double[][] copies(int from) {
    double[][] c = new double[n + 1 - from][];
    for (int i = from; i <= n; i++) {
      c[i - from] = x[i].clone();
    }
    return c;
  }

  @Override
  protected void update(double[][] c, double[] loss) {
    switch (phase) {
      case INIT -> {
        for (int i = 0; i <= n; i++) {
          x[i] = c[i].clone();
          f[i] = loss[i];
        }
        sort();
        phase = Phase.REFLECT;
      }
      case REFLECT -> {
        double fr = loss[0];
        if (fr < f[0]) {
          reflected = c[0].clone();
          reflectedLoss = fr;
          phase = Phase.EXPAND;
        } else if (fr < f[n - 1]) {
          replaceWorst(c[0], fr);
        } else {
          reflected = c[0].clone();
          reflectedLoss = fr;
          phase = fr < f[n] ? Phase.CONTRACT_OUTSIDE : Phase.CONTRACT_INSIDE;
        }
      }
      case EXPAND -> {
        if (loss[0] < reflectedLoss) {
          replaceWorst(c[0], loss[0]);
        } else {
          replaceWorst(reflected, reflectedLoss);
        }
      }
      case CONTRACT_OUTSIDE -> {
        if (loss[0] <= reflectedLoss) {
          replaceWorst(c[0], loss[0]);
        } else {
          phase = Phase.SHRINK;
        }
      }
      case CONTRACT_INSIDE -> {
        if (loss[0] < f[n]) {
          replaceWorst(c[0], loss[0]);
        } else {
          phase = Phase.SHRINK;
        }
      }
      case SHRINK -> {
        for (int i = 1; i <= n; i++) {
          x[i] = c[i - 1].clone();
          f[i] = loss[i - 1];
        }
        sort();
        phase = next();
      }
      default -> throw new AssertionError(phase);
    }
  }

  private void replaceWorst(double[] p, double fp) {
    x[n] = p.clone();
    f[n] = fp;
    sort();
    reflected = null;
    phase = next();
  }

  /** After a completed step: evaluate all vertices again (INIT's ask) or reflect. */
  private Phase next() {
    return reevaluate ? Phase.INIT : Phase.REFLECT;
  }

  /** The best vertex of the simplex (a copy), by its latest loss. */
  /** The best vertex by its latest loss once anything was told (re-scored each step with {@code reevaluate}). */
  @Override
  public double[] solution() {
    return evaluations() > 0 ? bestVertex() : best();
  }

  public double[] bestVertex() {
    return x[0].clone();
  }

  /** Stable insertion sort of the vertices by loss. */
  private void sort() {
    for (int i = 1; i <= n; i++) {
      double[] xi = x[i];
      double fi = f[i];
      int j = i - 1;
      while (j >= 0 && f[j] > fi) {
        x[j + 1] = x[j];
        f[j + 1] = f[j];
        j--;
      }
      x[j + 1] = xi;
      f[j + 1] = fi;
    }
  }

  @Override
  protected void internalStop(Set<StopReason> reasons) {
    if (evaluations() == 0) {
      return;
    }
    if (diameter() <= tolX && f[n] - f[0] <= tolFun) {
      reasons.add(StopReason.TOLX);
      reasons.add(StopReason.TOLFUN);
    }
  }

  /** The largest max-norm distance of a vertex from the best vertex. */
  private double diameter() {
    double d = 0;
    for (int i = 1; i <= n; i++) {
      for (int j = 0; j < n; j++) {
        d = Math.max(d, Math.abs(x[i][j] - x[0][j]));
      }
    }
    return d;
  }

  /** The simplex diameter (max-norm distance of the vertices from the best one). */
  @Override
  public double stepSize() {
    return diameter();
  }
}
