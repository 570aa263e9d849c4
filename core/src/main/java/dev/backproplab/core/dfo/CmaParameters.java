package dev.backproplab.core.dfo;

/**
 * The strategy parameters of one CMA-ES run, derived from the dimension and the population size with
 * the defaults of Hansen, "The CMA Evolution Strategy: A Tutorial" (2016), as refined in pycma:
 * {@code c_sigma = (mueff + 2) / (n + mueff + 3)}, {@code c_mu} with the rank-mu offset 1/4, {@code c_1}
 * scaled by {@code min(1, lambda / 6)}; for the separable variant the larger diagonal learning rates,
 * either as Ros and Hansen (2008) give them, the full-covariance {@code c_1} and {@code c_mu} times
 * {@code (n + 2) / 3} (capped so that {@code c_1 + c_mu <= 1}), or in pycma's form ({@link
 * SepCmaEsConfig.LearningRates}). With {@code active}, the weights of the worst {@code lambda -
 * mu} candidates are negative, their sum limited as in the tutorial (eq. 53 and the positive-definiteness
 * bound) — Jastrebski and Arnold (2006).
 *
 * <p>Immutable; arrays are never handed out.
 */
final class CmaParameters {
  final int n;
  final int lambda;
  final int mu;
  /** Weights of the sorted candidates, length lambda; positive ones sum to 1. */
  private final double[] weights;
  final double mueff;
  final double cc;
  final double cs;
  final double c1;
  final double cmu;
  final double damps;
  final double chiN;
  /** Sum of all weights (1 minus the absolute sum of the negative ones). */
  final double sumWeights;

  /** Full covariance ({@code separable} false) or separable with Ros and Hansen's learning rates. */
  CmaParameters(int n, int lambda, boolean active, boolean separable) {
    this(n, lambda, active, separable ? SepCmaEsConfig.LearningRates.ROS_HANSEN : null);
  }

  /** {@code sepRates} null for full covariance, else the separable variant's learning rates. */
  CmaParameters(int n, int lambda, boolean active, SepCmaEsConfig.LearningRates sepRates) {
    boolean separable = sepRates != null;
    this.n = n;
    this.lambda = lambda;
    this.mu = lambda / 2;
    double[] raw = new double[lambda];
    double sumPos = 0;
    double sumPos2 = 0;
    double sumNeg = 0;
    double sumNeg2 = 0;
    for (int i = 0; i < lambda; i++) {
      raw[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      if (i < mu) {
        sumPos += raw[i];
        sumPos2 += raw[i] * raw[i];
      } else {
        sumNeg += raw[i];
        sumNeg2 += raw[i] * raw[i];
      }
    }
    this.mueff = sumPos * sumPos / sumPos2;
    double mueffNeg = sumNeg2 > 0 ? sumNeg * sumNeg / sumNeg2 : 0;
    double dn = n;
    this.chiN = Math.sqrt(dn) * (1 - 1 / (4 * dn) + 1 / (21 * dn * dn));
    this.cs = (mueff + 2) / (dn + mueff + 3);
    this.damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (dn + 1)) - 1) + cs;
    if (sepRates == SepCmaEsConfig.LearningRates.PYCMA) {
      this.cc = (1 + 1 / dn + mueff / dn) / (Math.sqrt(dn) + 1 / dn + 2 * mueff / dn);
      this.c1 = 1 / (dn + 2 * Math.sqrt(dn) + mueff / dn);
      this.cmu = Math.min(1 - c1, (0.25 + mueff + 1 / mueff - 2) / (dn + 4 * Math.sqrt(dn) + mueff / 2));
    } else if (separable) {
      double scale = (dn + 2) / 3;
      double fullC1 = Math.min(1, lambda / 6.0) * 2 / ((dn + 1.3) * (dn + 1.3) + mueff);
      double fullCmu = 2 * (0.25 + mueff + 1 / mueff - 2) / ((dn + 2) * (dn + 2) + mueff);
      this.cc = (4 + mueff / dn) / (dn + 4 + 2 * mueff / dn);
      this.c1 = Math.min(1, scale * fullC1);
      this.cmu = Math.min(1 - c1, scale * fullCmu);
    } else {
      this.cc = (4 + mueff / dn) / (dn + 4 + 2 * mueff / dn);
      this.c1 = Math.min(1, lambda / 6.0) * 2 / ((dn + 1.3) * (dn + 1.3) + mueff);
      this.cmu =
          Math.min(1 - c1, 2 * (0.25 + mueff + 1 / mueff - 2) / ((dn + 2) * (dn + 2) + mueff));
    }
    this.weights = new double[lambda];
    double negScale = 0;
    if (active && sumNeg < 0 && cmu > 0) {
      double alphaMu = 1 + c1 / cmu;
      double alphaMueff = 1 + 2 * mueffNeg / (mueff + 2);
      double alphaPosDef = (1 - c1 - cmu) / (dn * cmu);
      negScale = Math.min(alphaMu, Math.min(alphaMueff, alphaPosDef)) / -sumNeg;
    }
    double sum = 0;
    for (int i = 0; i < lambda; i++) {
      weights[i] = i < mu ? raw[i] / sumPos : raw[i] * negScale;
      sum += weights[i];
    }
    this.sumWeights = sum;
  }

  /** The default population size {@code 4 + floor(3 ln n)}. */
  static int defaultLambda(int n) {
    return 4 + (int) Math.floor(3 * Math.log(n));
  }

  double weight(int rank) {
    return weights[rank];
  }
}
