package dev.backproplab.core.blackbox;

import java.util.random.RandomGenerator;

/**
 * A planar chain of links under gravity, the rigid-body system of Choromanski &amp; Sindhwani's
 * data-efficiency experiment: {@code links} unit point masses, the first tied to a fixed anchor at the
 * origin, each tied to the next by a stiff link (a spring of rest length 1 and stiffness {@code
 * stiffness}, with a little damping along it), under gravity {@code g} pointing down. The blackbox is
 * the one-step map of the state {@code [x_i, y_i, vx_i, vy_i]} per mass under one classical
 * Runge-Kutta (RK4) step of {@code dt}.
 *
 * <p>Each mass feels only its neighbours, so each RK4 stage widens the coupling by one link: the
 * state of mass i after a step depends on the masses {@code i-4 .. i+4} ({@link #pattern()}), and a
 * colouring recovers the {@code 4 links x 4 links} Jacobian in 36 perturbations whatever the chain's
 * length. Immutable.
 *
 * @param links number of masses (>= 1)
 * @param stiffness link stiffness (> 0)
 * @param damping damping along each link (>= 0)
 * @param dt the step (> 0)
 */
public record LinkChain(int links, double stiffness, double damping, double dt) implements VectorFunction {
  /** Gravity, pointing down (-y). */
  public static final double GRAVITY = 9.81;
  /** Links' rest length. */
  private static final double REST = 1.0;
  /** RK4's four stages, each reaching one link further. */
  private static final int REACH = 4;

  public LinkChain {
    if (links < 1 || !(stiffness > 0) || !(damping >= 0) || !(dt > 0)) {
      throw new IllegalArgumentException("a chain needs links >= 1, stiffness > 0, damping >= 0, dt > 0; got "
          + links + ", " + stiffness + ", " + damping + ", " + dt);
    }
  }

  @Override
  public int inputs() {
    return 4 * links;
  }

  @Override
  public int outputs() {
    return 4 * links;
  }

  /** The one-step map's dependency pattern: each mass's 4 outputs on the 4 inputs of masses i-4 .. i+4. */
  public DependencyPattern pattern() {
    int n = inputs();
    int[][] rows = new int[n][];
    for (int r = 0; r < n; r++) {
      int mass = r / 4;
      int lo = Math.max(0, mass - REACH);
      int hi = Math.min(links - 1, mass + REACH);
      rows[r] = new int[4 * (hi - lo + 1)];
      for (int c = 0; c < rows[r].length; c++) {
        rows[r][c] = 4 * lo + c;
      }
    }
    return DependencyPattern.ofRows(n, rows);
  }

  /**
   * A state of the chain hanging straight down from the anchor, each mass displaced by {@code
   * N(0, spread^2)} in position and velocity.
   */
  public double[] hangingState(double spread, RandomGenerator rng) {
    double[] s = new double[inputs()];
    for (int i = 0; i < links; i++) {
      s[4 * i] = spread * rng.nextGaussian();
      s[4 * i + 1] = -(i + 1) * REST + spread * rng.nextGaussian();
      s[4 * i + 2] = spread * rng.nextGaussian();
      s[4 * i + 3] = spread * rng.nextGaussian();
    }
    return s;
  }

  @Override
  public void apply(double[] s, double[] out) {
    int n = inputs();
    double[] k1 = derivative(s);
    double[] k2 = derivative(axpy(s, dt / 2, k1));
    double[] k3 = derivative(axpy(s, dt / 2, k2));
    double[] k4 = derivative(axpy(s, dt, k3));
    for (int j = 0; j < n; j++) {
      out[j] = s[j] + dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }
  }

  private static double[] axpy(double[] s, double a, double[] k) {
    double[] out = new double[s.length];
    for (int j = 0; j < s.length; j++) {
      out[j] = s[j] + a * k[j];
    }
    return out;
  }

  /** ds/dt: velocities, and accelerations from gravity and the links to the neighbours (or the anchor). */
  private double[] derivative(double[] s) {
    double[] d = new double[s.length];
    for (int i = 0; i < links; i++) {
      d[4 * i] = s[4 * i + 2];
      d[4 * i + 1] = s[4 * i + 3];
      d[4 * i + 3] = -GRAVITY;
    }
    for (int i = 0; i < links; i++) {
      // the link between mass i - 1 (the anchor for i = 0) and mass i
      double px = i == 0 ? 0 : s[4 * (i - 1)];
      double py = i == 0 ? 0 : s[4 * (i - 1) + 1];
      double pvx = i == 0 ? 0 : s[4 * (i - 1) + 2];
      double pvy = i == 0 ? 0 : s[4 * (i - 1) + 3];
      double dx = s[4 * i] - px;
      double dy = s[4 * i + 1] - py;
      double len = Math.sqrt(dx * dx + dy * dy);
      double ux = dx / len;
      double uy = dy / len;
      double stretchRate = (s[4 * i + 2] - pvx) * ux + (s[4 * i + 3] - pvy) * uy;
      double tension = stiffness * (len - REST) + damping * stretchRate;
      d[4 * i + 2] -= tension * ux;
      d[4 * i + 3] -= tension * uy;
      if (i > 0) {
        d[4 * (i - 1) + 2] += tension * ux;
        d[4 * (i - 1) + 3] += tension * uy;
      }
    }
    return d;
  }
}
