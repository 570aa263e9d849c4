package dev.backproplab.core.dfo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One CMA-ES run with a fixed population size: mean, step size, evolution paths and a covariance
 * model supplied by the subclass (full: {@link FullCovarianceRun}; diagonal: {@link DiagonalRun}).
 * The update follows Hansen, "The CMA Evolution Strategy: A Tutorial" (2016): weighted recombination,
 * cumulative step-size adaptation, rank-one and rank-mu covariance updates, optional active update.
 *
 * <p>Safeguards as pycma's (its defaults): a generation whose best loss equals the loss at rank
 * {@code ceil(0.1 + lambda / 4)} is flat, and sigma is multiplied by {@code exp(0.2 + c_sigma / d_sigma)}
 * (two flat generations in a row stop the run, FLAT_FITNESS); a non-finite candidate, mean, sigma or C,
 * or a failed update of C (e.g. the eigensolver), stops it with NUMERICAL_ERROR; the stop criteria
 * TOLUPSIGMA, TOLFACUPX, NOEFFECTAXIS, NOEFFECTCOORD and TOLFUNHIST are those of {@link StopReason}
 * (NOEFFECTAXIS steps along column {@code g mod n} of C^{1/2}, pycma along the g-th principal axis; both
 * are directions of the distribution). Call order: {@link #sample} then {@link #update} with the same
 * candidates. Not thread-safe.
 */
abstract class CmaRun {
  final CmaParameters p;
  final int n;
  final double[] mean;
  double sigma;
  final double[] pc;
  final double[] ps;
  int generation;
  long evaluations;
  final CmaHistory history = new CmaHistory();
  private final CmaEsConfig.Tolerances tol;
  /** Copies of the last sampled candidates, to recognise repaired (injected) ones on update. */
  private double[][] asked;
  /** Which ranks of the generation being updated were repaired or injected. */
  private boolean[] injected;
  private final double sigma0;
  private double lastBest = Double.POSITIVE_INFINITY;
  private int flatGenerations;
  private boolean numericalError;

  CmaRun(CmaParameters p, double[] mean, double sigma, CmaEsConfig.Tolerances tol) {
    this.p = p;
    this.n = mean.length;
    this.mean = mean.clone();
    this.sigma = sigma;
    this.sigma0 = sigma;
    this.pc = new double[n];
    this.ps = new double[n];
    this.tol = tol;
  }

  /** Writes {@code y = C^{1/2} z} into {@code y}. */
  abstract void transform(double[] z, double[] y);

  /** Writes {@code z = C^{-1/2} y} into {@code z}. */
  abstract void inverseTransform(double[] y, double[] z);

  /**
   * Updates the covariance with the weighted steps {@code ys} (sorted best first) given the rank-one
   * factor already corrected for {@code hsig}.
   */
  abstract void updateCovariance(double[][] sortedSteps, double c1a);

  /** Square root of the i-th diagonal element of C. */
  abstract double sqrtDiagC(int i);

  /** Condition number of C (ratio of largest to smallest eigenvalue). */
  abstract double condition();

  /** {@code lambda} fresh candidates {@code mean + sigma * C^{1/2} z}. */
  double[][] sample(SplittableRandom random) {
    double[][] x = new double[p.lambda][n];
    double[] z = new double[n];
    double[] y = new double[n];
    for (int k = 0; k < p.lambda; k++) {
      Noise.fill(random, z);
      transform(z, y);
      for (int i = 0; i < n; i++) {
        x[k][i] = mean[i] + sigma * y[i];
      }
    }
    asked = new double[p.lambda][];
    for (int k = 0; k < p.lambda; k++) {
      asked[k] = x[k].clone();
      for (double v : x[k]) {
        numericalError |= !Double.isFinite(v);
      }
    }
    return x;
  }

  /** One generation's update from candidates and their (NaN-free) losses. */
  void update(double[][] x, double[] f) {
    Integer[] order = IntStream.range(0, f.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> f[i]));
    double[][] ys = new double[p.lambda][n];
    double[] sorted = new double[p.lambda];
    injected = new boolean[p.lambda];
    for (int r = 0; r < p.lambda; r++) {
      int k = order[r];
      sorted[r] = f[k];
      for (int i = 0; i < n; i++) {
        ys[r][i] = (x[k][i] - mean[i]) / sigma;
      }
      if (asked != null && !Arrays.equals(asked[k], x[k])) {
        injected[r] = true;
        clipInjected(ys[r]);
      }
    }
    asked = null;
    double[] ymean = new double[n];
    for (int r = 0; r < p.mu; r++) {
      double w = p.weight(r);
      for (int i = 0; i < n; i++) {
        ymean[i] += w * ys[r][i];
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] += sigma * ymean[i];
    }
    double[] zmean = new double[n];
    inverseTransform(ymean, zmean);
    double csn = Math.sqrt(p.cs * (2 - p.cs) * p.mueff);
    double psNorm2 = 0;
    for (int i = 0; i < n; i++) {
      ps[i] = (1 - p.cs) * ps[i] + csn * zmean[i];
      psNorm2 += ps[i] * ps[i];
    }
    generation++;
    evaluations += p.lambda;
    boolean hsig =
        psNorm2 / (1 - Math.pow(1 - p.cs, 2.0 * generation)) / n - 1 < 1 + 4.0 / (n + 1);
    double ccn = hsig ? Math.sqrt(p.cc * (2 - p.cc) * p.mueff) : 0;
    for (int i = 0; i < n; i++) {
      pc[i] = (1 - p.cc) * pc[i] + ccn * ymean[i];
    }
    double c1a = p.c1 * (1 - (hsig ? 0 : p.cc * (2 - p.cc)));
    try {
      updateCovariance(ys, c1a);
    } catch (RuntimeException e) {
      numericalError = true;
    }
    double change = (p.cs / p.damps) * (Math.sqrt(psNorm2) / p.chiN - 1);
    sigma *= Math.exp(Math.max(-1, Math.min(1, change)));
    if (sorted[0] == sorted[Math.min(p.lambda - 1, (int) Math.ceil(0.1 + p.lambda / 4.0))]) {
      sigma *= Math.exp(0.2 + p.cs / p.damps);
      flatGenerations++;
    } else {
      flatGenerations = 0;
    }
    numericalError |= !Double.isFinite(sigma) || !(sigma > 0);
    for (int i = 0; i < n && !numericalError; i++) {
      numericalError = !Double.isFinite(mean[i]) || !Double.isFinite(sqrtDiagC(i));
    }
    lastBest = sorted[0];
    history.record(sorted);
  }

  /** The best loss of the last generation (infinity before the first). */
  double lastBest() {
    return lastBest;
  }

  /**
   * Limits the Mahalanobis length of a step that was not sampled here (a repaired or injected
   * candidate) to {@code sqrt(n) + 2n / (n + 2)}, as Hansen (2011), "Injecting External Solutions Into
   * CMA-ES", and pycma do, so that repairs cannot blow up the paths and the covariance.
   */
  private void clipInjected(double[] y) {
    double[] z = new double[n];
    inverseTransform(y, z);
    double len = 0;
    for (double v : z) {
      len += v * v;
    }
    len = Math.sqrt(len);
    double max = Math.sqrt(n) + 2.0 * n / (n + 2);
    if (len > max) {
      for (int i = 0; i < n; i++) {
        y[i] *= max / len;
      }
    }
  }

  /**
   * The weight of rank {@code r} for the rank-mu update, negative ones rescaled by n/|C^-1/2 y|^2;
   * repaired or injected candidates get no negative weight (pycma's {@code CMA_active_injected = 0}),
   * since a repaired step can be arbitrarily short and the rescaling would then explode.
   */
  double covarianceWeight(int r, double[] y, double[] scratch) {
    double w = p.weight(r);
    if (w >= 0) {
      return w;
    }
    if (injected[r]) {
      return 0;
    }
    inverseTransform(y, scratch);
    double m2 = 0;
    for (double v : scratch) {
      m2 += v * v;
    }
    return m2 > 0 ? w * n / m2 : 0;
  }

  /** Adds this run's own stop reasons (not budget ones). */
  void stopReasons(Set<StopReason> reasons) {
    if (numericalError) {
      reasons.add(StopReason.NUMERICAL_ERROR);
      return;
    }
    if (flatGenerations > 1) {
      reasons.add(StopReason.FLAT_FITNESS);
    }
    double maxSqrtC = 0;
    boolean noEffectCoord = false;
    for (int i = 0; i < n; i++) {
      maxSqrtC = Math.max(maxSqrtC, sqrtDiagC(i));
      noEffectCoord |= mean[i] + 0.2 * sigma * sqrtDiagC(i) == mean[i];
    }
    if (sigma / sigma0 > 1e20 * maxSqrtC) {
      reasons.add(StopReason.TOLUPSIGMA);
    }
    if (sigma * maxSqrtC > 1e3 * sigma0) {
      reasons.add(StopReason.TOLFACUPX);
    }
    if (noEffectCoord && generation > 0) {
      reasons.add(StopReason.NOEFFECTCOORD);
    }
    if (generation > 0 && noEffectAxis()) {
      reasons.add(StopReason.NOEFFECTAXIS);
    }
    int window = 10 + (int) Math.ceil(30.0 * n / p.lambda);
    if (history.bestRangeBelow(window, 1e-12)) {
      reasons.add(StopReason.TOLFUNHIST);
    }
    if (history.flat(window, tol.tolFun())) {
      reasons.add(StopReason.TOLFUN);
    }
    boolean tolx = true;
    for (int i = 0; i < n && tolx; i++) {
      tolx = sigma * Math.abs(pc[i]) < tol.tolX() && sigma * sqrtDiagC(i) < tol.tolX();
    }
    if (tolx) {
      reasons.add(StopReason.TOLX);
    }
    if (condition() > tol.maxCondition()) {
      reasons.add(StopReason.CONDITION);
    }
    int minStag = (int) Math.min(Integer.MAX_VALUE / 2, 100 + 100 * Math.pow(n, 1.5) / p.lambda);
    if (tol.stagnation() && history.stagnated(minStag)) {
      reasons.add(StopReason.STAGNATION);
    }
  }

  /** Whether adding 0.1 sigma times column {@code generation mod n} of C^{1/2} leaves the mean as it is. */
  private boolean noEffectAxis() {
    double[] e = new double[n];
    e[generation % n] = 1;
    double[] y = new double[n];
    transform(e, y);
    for (int i = 0; i < n; i++) {
      if (mean[i] + 0.1 * sigma * y[i] != mean[i]) {
        return false;
      }
    }
    return true;
  }
}
