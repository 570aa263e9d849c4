package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cuts each waveform of S samples into T overlapping frames of N samples, {@code hop} apart, and
 * multiplies each frame by a window: {@code out[t N + n] = x[t hop + n] w[n]}, {@code [B, T N]}
 * row-major. No parameters; the backward pass adds each frame's windowed error back onto the samples
 * it was cut from. The first layer of {@link LogMel}.
 */
public final class FramingLayer extends ParameterFreeLayer {
  private final int samples;
  private final int frameLength;
  private final int hop;
  private final int frames;
  private final double[] window;

  /** Frames of {@code frameLength} samples every {@code hop} samples of a {@code samples}-sample signal. */
  public FramingLayer(int samples, int frameLength, int hop, double[] window) {
    if (frameLength < 1 || hop < 1 || samples < frameLength || window.length != frameLength) {
      throw new IllegalArgumentException("Invalid framing of " + samples + " samples into frames of "
          + frameLength + " every " + hop + " with a window of " + window.length);
    }
    this.samples = samples;
    this.frameLength = frameLength;
    this.hop = hop;
    this.frames = (samples - frameLength) / hop + 1;
    this.window = window.clone();
  }

  /** Number of frames per signal. */
  public int frames() {
    return frames;
  }

  @Override
  public int inputSize() {
    return samples;
  }

  @Override
  public int outputSize() {
    return frames * frameLength;
  }

  @Override
  public String describe() {
    return "framing(" + samples + "->" + frames + "x" + frameLength + ",hop" + hop + ")";
  }

  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    DataView x = DataView.of(in);
    for (int b = 0; b < batch; b++) {
      int src = b * samples;
      int dst = b * frames * frameLength;
      for (int t = 0; t < frames; t++) {
        for (int n = 0; n < frameLength; n++) {
          outView.set(dst + t * frameLength + n, x.get(src + t * hop + n) * window[n]);
        }
      }
    }
  }

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    DataView d = DataView.of(delta);
    DataView e = DataView.of(errorIn);
    e.clear();
    for (int b = 0; b < batch; b++) {
      int src = b * samples;
      int dst = b * frames * frameLength;
      for (int t = 0; t < frames; t++) {
        for (int n = 0; n < frameLength; n++) {
          e.add(src + t * hop + n, d.get(dst + t * frameLength + n) * window[n]);
        }
      }
    }
  }
}
