package dev.backproplab.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}, JEP 414), the machine's
 * widest lanes: float lanes over float arrays, double lanes over double arrays, each loop followed by a
 * scalar tail. Double passes perform the scalar passes' operations in the same order (no fused
 * multiply-add), so they agree with them bit for bit. Loaded only by name from {@link Kernels}, since
 * it cannot link without the module.
 */
final class VectorKernels extends Kernels {
  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
  private static final int FL = FS.length();
  private static final int DL = DS.length();

  @Override
  public String describe() {
    return "vector (" + FL + " float / " + DL + " double lanes)";
  }

  private static FloatVector f(DataView d, int i) {
    return FloatVector.fromByteBuffer(FS, d.bytes, d.byteOffset + i * Float.BYTES, NATIVE);
  }

  private static void f(FloatVector x, DataView d, int i) {
    x.intoByteBuffer(d.bytes, d.byteOffset + i * Float.BYTES, NATIVE);
  }

  private static DoubleVector d(DataView d, int i) {
    return DoubleVector.fromByteBuffer(DS, d.bytes, d.byteOffset + i * Double.BYTES, NATIVE);
  }

  private static void d(DoubleVector x, DataView d, int i) {
    x.intoByteBuffer(d.bytes, d.byteOffset + i * Double.BYTES, NATIVE);
  }

  @Override
  void biasActivation(DataView out, DataView bias, int rows, int cols, Activation f) {
    if (f != Activation.RELU && f != Activation.IDENTITY) {
      ScalarKernels.INSTANCE.biasActivation(out, bias, rows, cols, f);
      return;
    }
    boolean relu = f == Activation.RELU;
    boolean single = out.isFloat();
    int lanes = single ? FL : DL;
    int bound = cols - cols % lanes;
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int c = 0; c < bound; c += lanes) {
        if (single) {
          FloatVector z = f(out, row + c).add(f(bias, c));
          // z > 0 ? z : 0, as the scalar pass: NaN becomes 0 like there
          f(relu ? z.blend(0f, z.compare(VectorOperators.GT, 0f).not()) : z, out, row + c);
        } else {
          DoubleVector z = d(out, row + c).add(d(bias, c));
          d(relu ? z.blend(0.0, z.compare(VectorOperators.GT, 0.0).not()) : z, out, row + c);
        }
      }
      for (int c = bound; c < cols; c++) {
        out.set(row + c, f.apply(out.get(row + c) + bias.get(c)));
      }
    }
  }

  @Override
  void multiplyByDerivative(DataView delta, DataView a, int count, Activation f) {
    if (f == Activation.IDENTITY) {
      return;
    }
    boolean single = delta.isFloat();
    int lanes = single ? FL : DL;
    int bound = count - count % lanes;
    for (int i = 0; i < bound; i += lanes) {
      if (single) {
        FloatVector y = f(a, i);
        FloatVector fd = switch (f) {
          case RELU -> FloatVector.broadcast(FS, 1f).blend(0f, y.compare(VectorOperators.GT, 0f).not());
          case TANH -> FloatVector.broadcast(FS, 1f).sub(y.mul(y));
          default -> y.mul(FloatVector.broadcast(FS, 1f).sub(y));
        };
        f(f(delta, i).mul(fd), delta, i);
      } else {
        DoubleVector y = d(a, i);
        DoubleVector fd = switch (f) {
          case RELU -> DoubleVector.broadcast(DS, 1.0).blend(0.0, y.compare(VectorOperators.GT, 0.0).not());
          case TANH -> DoubleVector.broadcast(DS, 1.0).sub(y.mul(y));
          default -> y.mul(DoubleVector.broadcast(DS, 1.0).sub(y));
        };
        d(d(delta, i).mul(fd), delta, i);
      }
    }
    for (int i = bound; i < count; i++) {
      delta.set(i, delta.get(i) * f.derivativeFromOutput(a.get(i)));
    }
  }

  @Override
  void columnSums(DataView in, int rows, int cols, DataView sums) {
    sums.clear();
    boolean single = in.isFloat();
    int lanes = single ? FL : DL;
    int bound = cols - cols % lanes;
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int c = 0; c < bound; c += lanes) {
        if (single) {
          f(f(sums, c).add(f(in, row + c)), sums, c);
        } else {
          d(d(sums, c).add(d(in, row + c)), sums, c);
        }
      }
      for (int c = bound; c < cols; c++) {
        sums.add(c, in.get(row + c));
      }
    }
  }

  @Override
  void load(float[] src, int srcPos, DataView dst, int dstPos, int n) {
    if (!dst.isFloat()) {
      ScalarKernels.INSTANCE.load(src, srcPos, dst, dstPos, n);
      return;
    }
    int bound = n - n % FL;
    for (int j = 0; j < bound; j += FL) {
      f(FloatVector.fromArray(FS, src, srcPos + j), dst, dstPos + j);
    }
    for (int j = bound; j < n; j++) {
      dst.set(dstPos + j, src[srcPos + j]);
    }
  }

  @Override
  void sgdPass(DataView p, DataView g, double lr) {
    int n = p.length();
    if (p.isFloat()) {
      float l = (float) lr;
      int bound = n - n % FL;
      for (int i = 0; i < bound; i += FL) {
        f(f(p, i).sub(f(g, i).mul(l)), p, i);
      }
      ScalarKernels.sgd(p, g, lr, bound);
    } else {
      int bound = n - n % DL;
      for (int i = 0; i < bound; i += DL) {
        d(d(p, i).sub(d(g, i).mul(lr)), p, i);
      }
      ScalarKernels.sgd(p, g, lr, bound);
    }
  }

  @Override
  void addScaledPass(DataView out, DataView x, double a, DataView y) {
    int n = out.length();
    if (out.isFloat()) {
      float af = (float) a;
      int bound = n - n % FL;
      for (int i = 0; i < bound; i += FL) {
        f(f(x, i).add(f(y, i).mul(af)), out, i);
      }
      ScalarKernels.addScaled(out, x, a, y, bound);
    } else {
      int bound = n - n % DL;
      for (int i = 0; i < bound; i += DL) {
        d(d(x, i).add(d(y, i).mul(a)), out, i);
      }
      ScalarKernels.addScaled(out, x, a, y, bound);
    }
  }

  @Override
  void momentumPass(DataView p, DataView g, DataView velocity, double mu, double lr, boolean nesterov) {
    int n = p.length();
    int bound;
    if (p.isFloat()) {
      float m = (float) mu;
      float l = (float) lr;
      float nm = (float) -mu;
      float m1 = (float) (1.0 + mu);
      bound = n - n % FL;
      for (int i = 0; i < bound; i += FL) {
        FloatVector prev = f(velocity, i);
        FloatVector v = prev.mul(m).sub(f(g, i).mul(l));
        f(v, velocity, i);
        FloatVector step = nesterov ? prev.mul(nm).add(v.mul(m1)) : v;
        f(f(p, i).add(step), p, i);
      }
    } else {
      bound = n - n % DL;
      for (int i = 0; i < bound; i += DL) {
        DoubleVector prev = d(velocity, i);
        DoubleVector v = prev.mul(mu).sub(d(g, i).mul(lr));
        d(v, velocity, i);
        DoubleVector step = nesterov ? prev.mul(-mu).add(v.mul(1.0 + mu)) : v;
        d(d(p, i).add(step), p, i);
      }
    }
    ScalarKernels.momentum(p, g, velocity, mu, lr, nesterov, bound);
  }

  @Override
  void adamPass(DataView p, DataView g, DataView m, DataView v, double beta1, double beta2, double alpha,
      double epsilon) {
    int n = p.length();
    int bound;
    if (p.isFloat()) {
      float b1 = (float) beta1;
      float c1 = (float) (1.0 - beta1);
      float b2 = (float) beta2;
      float c2 = (float) (1.0 - beta2);
      float a = (float) alpha;
      float e = (float) epsilon;
      bound = n - n % FL;
      for (int i = 0; i < bound; i += FL) {
        FloatVector gi = f(g, i);
        FloatVector mi = f(m, i).mul(b1).add(gi.mul(c1));
        FloatVector vi = f(v, i).mul(b2).add(gi.mul(c2).mul(gi));
        f(mi, m, i);
        f(vi, v, i);
        f(f(p, i).sub(mi.mul(a).div(vi.sqrt().add(e))), p, i);
      }
    } else {
      double c1 = 1.0 - beta1;
      double c2 = 1.0 - beta2;
      bound = n - n % DL;
      for (int i = 0; i < bound; i += DL) {
        DoubleVector gi = d(g, i);
        DoubleVector mi = d(m, i).mul(beta1).add(gi.mul(c1));
        DoubleVector vi = d(v, i).mul(beta2).add(gi.mul(c2).mul(gi));
        d(mi, m, i);
        d(vi, v, i);
        d(d(p, i).sub(mi.mul(alpha).div(vi.sqrt().add(epsilon))), p, i);
      }
    }
    ScalarKernels.adam(p, g, m, v, beta1, beta2, alpha, epsilon, bound);
  }
}
