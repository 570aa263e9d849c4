package dev.backproplab.core.blackbox;

/**
 * A hard quantiser, {@code f(x)_i = round(levels x_i) / levels}: piecewise constant, its derivative 0
 * almost everywhere, so only a perturbation of at least one level sees it move. Immutable.
 */
final class Quantiser implements VectorFunction {
  private final int width;
  private final int levels;

  Quantiser(int width, int levels) {
    this.width = width;
    this.levels = levels;
  }

  @Override
  public int inputs() {
    return width;
  }

  @Override
  public int outputs() {
    return width;
  }

  @Override
  public void apply(double[] x, double[] out) {
    for (int i = 0; i < width; i++) {
      out[i] = Math.rint(levels * x[i]) / levels;
    }
  }
}
