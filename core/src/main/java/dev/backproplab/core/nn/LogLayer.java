package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code out = log(in + floor)} elementwise, for non-negative inputs (energies); the floor keeps
 * silence finite. No parameters; the backward pass is {@code errorIn = delta / (in + floor)}. The last
 * layer of {@link LogMel}.
 */
public final class LogLayer extends ParameterFreeLayer {
  private final int size;
  private final double floor;

  /** The log of {@code size} values plus {@code floor} (&gt; 0). */
  public LogLayer(int size, double floor) {
    if (size < 1 || !(floor > 0)) {
      throw new IllegalArgumentException("Invalid log layer: size " + size + ", floor " + floor);
    }
    this.size = size;
    this.floor = floor;
  }

  @Override
  public int inputSize() {
    return size;
  }

  @Override
  public int outputSize() {
    return size;
  }

  @Override
  public String describe() {
    return "log(" + size + ",+" + floor + ")";
  }

  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    DataView x = DataView.of(in);
    for (int i = 0, n = batch * size; i < n; i++) {
      outView.set(i, Math.log(x.get(i) + floor));
    }
  }

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    DataView x = DataView.of(in);
    DataView d = DataView.of(delta);
    DataView e = DataView.of(errorIn);
    for (int i = 0, n = batch * size; i < n; i++) {
      e.set(i, d.get(i) / (x.get(i) + floor));
    }
  }
}
