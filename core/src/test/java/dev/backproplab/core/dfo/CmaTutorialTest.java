package dev.backproplab.core.dfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One generation of active CMA-ES against a plain transcription of Hansen, "The CMA Evolution
 * Strategy: A Tutorial" (2016, arXiv:1604.00772), equations (30)-(53) and Table 1, written here from
 * the paper and not from the implementation: the whole state after the update (mean, sigma, C, p_sigma,
 * p_c) must agree. One deliberate difference from the tutorial, the implementation's documented choice:
 * {@code c_sigma = (mueff + 2) / (n + mueff + 3)} as in pycma (the tutorial's Table 1 has + 5). Started from C = I, so C^{-1/2} is the identity in the first generation. Two
 * fitness functions: a sphere (h_sigma on) and a steep linear slope along one axis (h_sigma off, which
 * the test checks of the reference itself).
 */
class CmaTutorialTest {

  /** The tutorial's update of one generation from C = I; fields are the state after it. */
  static final class Reference {
    double[] mean;
    double sigma;
    double[][] c;
    double[] ps;
    double[] pc;
    boolean hsig;

    Reference(double[] m, double sigma0, double[][] x, double[] f) {
      int n = m.length;
      int lambda = x.length;
      int mu = lambda / 2;
      // Table 1 / eq. (49)-(53): w'_i = ln((lambda+1)/2) - ln i
      double[] wp = new double[lambda];
      for (int i = 0; i < lambda; i++) {
        wp[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      }
      double sp = 0;
      double sp2 = 0;
      double sn = 0;
      double sn2 = 0;
      for (int i = 0; i < lambda; i++) {
        if (wp[i] >= 0) {
          sp += wp[i];
          sp2 += wp[i] * wp[i];
        } else {
          sn += wp[i];
          sn2 += wp[i] * wp[i];
        }
      }
      double mueff = sp * sp / sp2;
      double mueffMinus = sn * sn / sn2;
      double cs = (mueff + 2) / (n + mueff + 3); // pycma's; the tutorial's Table 1 has + 5
      double ds = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
      double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
      double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
      double cmu = Math.min(1 - c1, 2 * (0.25 + mueff + 1 / mueff - 2) / ((n + 2) * (n + 2) + mueff));
      double alphaMu = 1 + c1 / cmu;
      double alphaMueff = 1 + 2 * mueffMinus / (mueff + 2);
      double alphaPosDef = (1 - c1 - cmu) / (n * cmu);
      double[] w = new double[lambda];
      for (int i = 0; i < lambda; i++) {
        w[i] = wp[i] >= 0 ? wp[i] / sp
            : Math.min(alphaMu, Math.min(alphaMueff, alphaPosDef)) * wp[i] / -sn;
      }
      double sumW = Arrays.stream(w).sum();
      double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
      // eq. (38)-(39): y_i = (x_i - m) / sigma, sorted by f
      Integer[] order = IntStream.range(0, lambda).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(k -> f[k]));
      double[][] y = new double[lambda][n];
      for (int i = 0; i < lambda; i++) {
        for (int j = 0; j < n; j++) {
          y[i][j] = (x[order[i]][j] - m[j]) / sigma0;
        }
      }
      // eq. (41): <y>_w over the mu best; (42): m += c_m sigma <y>_w with c_m = 1
      double[] yw = new double[n];
      for (int i = 0; i < mu; i++) {
        for (int j = 0; j < n; j++) {
          yw[j] += w[i] * y[i][j];
        }
      }
      mean = new double[n];
      for (int j = 0; j < n; j++) {
        mean[j] = m[j] + sigma0 * yw[j];
      }
      // eq. (43) with p_sigma = 0 and C^{-1/2} = I
      ps = new double[n];
      double psNorm = 0;
      for (int j = 0; j < n; j++) {
        ps[j] = Math.sqrt(cs * (2 - cs) * mueff) * yw[j];
        psNorm += ps[j] * ps[j];
      }
      psNorm = Math.sqrt(psNorm);
      // eq. (44); h_sigma as in the tutorial's footnote, g = 1
      sigma = sigma0 * Math.exp(cs / ds * (psNorm / chiN - 1));
      hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2)) < (1.4 + 2.0 / (n + 1)) * chiN;
      // eq. (45) with p_c = 0
      pc = new double[n];
      for (int j = 0; j < n; j++) {
        pc[j] = (hsig ? Math.sqrt(cc * (2 - cc) * mueff) : 0) * yw[j];
      }
      // eq. (46)-(47): w°_i = w_i for w_i >= 0, w_i n / |C^{-1/2} y_i|^2 otherwise
      double deltaH = (hsig ? 0 : 1) * cc * (2 - cc);
      c = new double[n][n];
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          double rankMu = 0;
          for (int i = 0; i < lambda; i++) {
            double wo = w[i];
            if (wo < 0) {
              double norm2 = 0;
              for (double v : y[i]) {
                norm2 += v * v;
              }
              wo *= n / norm2;
            }
            rankMu += wo * y[i][a] * y[i][b];
          }
          c[a][b] = (1 + c1 * deltaH - c1 - cmu * sumW) * (a == b ? 1 : 0) + c1 * pc[a] * pc[b] + cmu * rankMu;
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}, n = {1}, lambda = {2}")
  @CsvSource({"sphere, 5, 10, true", "sphere, 3, 16, true", "slope, 2, 100, false", "slope, 4, 60, false"})
  void oneGenerationMatchesTheTutorial(String function, int n, int lambda, boolean hsigExpected) {
    ToDoubleFunction<double[]> fitness = function.equals("sphere")
        ? x -> Arrays.stream(x).map(v -> (v - 1) * (v - 1)).sum()
        : x -> 1e6 * x[0];
    double[] x0 = new double[n];
    for (int j = 0; j < n; j++) {
      x0[j] = 0.3 * j - 0.5;
    }
    double sigma0 = 0.7;
    CmaEs cma = CmaEsConfig.of(sigma0, EvaluationBudget.of(10_000)).withPopulationSize(lambda)
        .create(x0, new SplittableRandom(42));
    double[][] x = cma.ask();
    double[] f = Arrays.stream(x).mapToDouble(fitness).toArray();
    Reference ref = new Reference(x0, sigma0, x, f);
    assertEquals(hsigExpected, ref.hsig, "the case exercises h_sigma " + (hsigExpected ? "on" : "off"));
    cma.tell(x, f);
    FullCovarianceRun run = (FullCovarianceRun) cma.currentRun();
    double tol = 1e-12;
    for (int j = 0; j < n; j++) {
      assertEquals(ref.mean[j], run.mean[j], tol, "mean " + j);
      assertEquals(ref.ps[j], run.ps[j], tol, "p_sigma " + j);
      assertEquals(ref.pc[j], run.pc[j], tol, "p_c " + j);
      for (int k = 0; k < n; k++) {
        assertEquals(ref.c[j][k], run.covariance(j, k), tol, "C " + j + "," + k);
      }
    }
    assertEquals(ref.sigma, run.sigma, tol * sigma0, "sigma");
  }
}
