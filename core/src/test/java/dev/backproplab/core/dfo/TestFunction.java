package dev.backproplab.core.dfo;

/**
 * Standard test functions (Hansen's BBOB-style definitions, unrotated), all with minimum 0: at 0
 * except Rosenbrock (at 1).
 */
enum TestFunction {
  SPHERE {
    @Override
    double value(double[] x) {
      double s = 0;
      for (double v : x) {
        s += v * v;
      }
      return s;
    }
  },
  /** Condition 1e6: sum 10^(6 i/(n-1)) x_i^2. */
  ELLIPSOID {
    @Override
    double value(double[] x) {
      int n = x.length;
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += Math.pow(1e6, n == 1 ? 0 : (double) i / (n - 1)) * x[i] * x[i];
      }
      return s;
    }
  },
  /** x_0^2 + 1e6 sum_{i>0} x_i^2. */
  CIGAR {
    @Override
    double value(double[] x) {
      double s = x[0] * x[0];
      for (int i = 1; i < x.length; i++) {
        s += 1e6 * x[i] * x[i];
      }
      return s;
    }
  },
  /** 1e6 x_0^2 + sum_{i>0} x_i^2. */
  TABLET {
    @Override
    double value(double[] x) {
      double s = 1e6 * x[0] * x[0];
      for (int i = 1; i < x.length; i++) {
        s += x[i] * x[i];
      }
      return s;
    }
  },
  /** sum |x_i|^(2 + 4 i/(n-1)). */
  DIFFERENT_POWERS {
    @Override
    double value(double[] x) {
      int n = x.length;
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += Math.pow(Math.abs(x[i]), 2 + 4.0 * (n == 1 ? 0 : (double) i / (n - 1)));
      }
      return s;
    }
  },
  ROSENBROCK {
    @Override
    double value(double[] x) {
      double s = 0;
      for (int i = 0; i < x.length - 1; i++) {
        double a = x[i] * x[i] - x[i + 1];
        double b = x[i] - 1;
        s += 100 * a * a + b * b;
      }
      return s;
    }
  },
  RASTRIGIN {
    @Override
    double value(double[] x) {
      double s = 10.0 * x.length;
      for (double v : x) {
        s += v * v - 10 * Math.cos(2 * Math.PI * v);
      }
      return s;
    }
  };

  abstract double value(double[] x);
}
