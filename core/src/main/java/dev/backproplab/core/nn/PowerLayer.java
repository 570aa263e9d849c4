package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The power spectrum of each frame: the input frame holds K real parts then K imaginary parts, the
 * output {@code re^2 + im^2} per bin ({@code [B, T 2K] -> [B, T K]}). No parameters; the backward
 * pass is {@code d re = 2 re d p}, {@code d im = 2 im d p}. A layer of {@link LogMel}.
 */
public final class PowerLayer extends ParameterFreeLayer {
  private final int frames;
  private final int bins;

  /** Power of {@code bins} complex values in each of {@code frames} frames. */
  public PowerLayer(int frames, int bins) {
    if (frames < 1 || bins < 1) {
      throw new IllegalArgumentException("Invalid power spectrum of " + frames + " frames of " + bins + " bins");
    }
    this.frames = frames;
    this.bins = bins;
  }

  @Override
  public int inputSize() {
    return frames * 2 * bins;
  }

  @Override
  public int outputSize() {
    return frames * bins;
  }

  @Override
  public String describe() {
    return "power(" + frames + "x2x" + bins + "->" + frames + "x" + bins + ")";
  }

  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    DataView x = DataView.of(in);
    for (int f = 0, n = batch * frames; f < n; f++) {
      for (int k = 0; k < bins; k++) {
        double re = x.get(f * 2 * bins + k);
        double im = x.get(f * 2 * bins + bins + k);
        outView.set(f * bins + k, re * re + im * im);
      }
    }
  }

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    DataView x = DataView.of(in);
    DataView d = DataView.of(delta);
    DataView e = DataView.of(errorIn);
    for (int f = 0, n = batch * frames; f < n; f++) {
      for (int k = 0; k < bins; k++) {
        double g = 2 * d.get(f * bins + k);
        int re = f * 2 * bins + k;
        e.set(re, g * x.get(re));
        e.set(re + bins, g * x.get(re + bins));
      }
    }
  }
}
