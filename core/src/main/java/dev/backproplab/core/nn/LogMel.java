package dev.backproplab.core.nn;

import java.util.List;

/**
 * A log-mel spectrogram front end as layers, so that the gradient of any loss on a network's features
 * reaches the waveform: framing with a periodic Hann window, the DFT as a product with a fixed
 * cosine/sine basis, the power spectrum, a triangular mel filterbank (HTK's mel scale, {@code 2595
 * log10(1 + f / 700)}; Young et al., "The HTK Book", 2006) and {@code log(x + floor)}. The features
 * of a clip of S samples are a {@code 1 x T x M} image (T frames by M mel bands) for 2-d convolutions
 * over time and frequency (see docs/adr/0020).
 *
 * @param sampleRate samples per second
 * @param frameLength samples per frame (also the DFT size), &gt;= 2
 * @param hop samples between frame starts, &gt;= 1
 * @param melBands number of mel filters, &gt;= 1
 * @param minHz lowest filter edge, &gt;= 0
 * @param maxHz highest filter edge, at most the Nyquist frequency
 * @param floor added to the mel energies before the log, &gt; 0
 */
public record LogMel(int sampleRate, int frameLength, int hop, int melBands, double minHz, double maxHz,
    double floor) {

  /** Validates. */
  public LogMel {
    if (sampleRate < 1 || frameLength < 2 || hop < 1 || melBands < 1) {
      throw new IllegalArgumentException("Invalid log-mel front end: rate " + sampleRate + ", frame " + frameLength
          + ", hop " + hop + ", bands " + melBands);
    }
    if (!(minHz >= 0 && minHz < maxHz && maxHz <= sampleRate / 2.0) || !(floor > 0)) {
      throw new IllegalArgumentException("Invalid log-mel front end: band " + minHz + ".." + maxHz + " Hz at rate "
          + sampleRate + " (expected 0 <= min < max <= rate/2), floor " + floor + " (expected > 0)");
    }
  }

  /** 25 ms frames every 10 ms at 16 kHz, 40 bands over 20 Hz .. 8 kHz, floor 1e-6: a usual speech setting. */
  public static LogMel speech16k() {
    return new LogMel(16_000, 400, 160, 40, 20, 8_000, 1e-6);
  }

  /** Frequency bins of the one-sided DFT: {@code frameLength / 2 + 1}. */
  public int bins() {
    return frameLength / 2 + 1;
  }

  /** Frames of a clip of {@code samples} samples: {@code (samples - frameLength) / hop + 1}. */
  public int frames(int samples) {
    if (samples < frameLength) {
      throw new IllegalArgumentException(samples + " samples are shorter than one frame of " + frameLength);
    }
    return (samples - frameLength) / hop + 1;
  }

  /** The features of a clip of {@code samples} samples as an image: {@code 1 x frames x melBands}. */
  public ImageShape outputShape(int samples) {
    return new ImageShape(1, frames(samples), melBands);
  }

  /** The front end for clips of {@code samples} samples: framing, DFT, power, mel filterbank, log. */
  public List<Layer> layers(int samples) {
    int t = frames(samples);
    return List.of(
        new FramingLayer(samples, frameLength, hop, hannWindow()),
        new FrameProductLayer("dft", t, dftBasis()),
        new PowerLayer(t, bins()),
        new FrameProductLayer("mel", t, filterbank()),
        new LogLayer(t * melBands, floor));
  }

  /** The periodic Hann window {@code 0.5 - 0.5 cos(2 pi n / N)}. */
  public double[] hannWindow() {
    double[] w = new double[frameLength];
    for (int n = 0; n < frameLength; n++) {
      w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / frameLength);
    }
    return w;
  }

  /**
   * The one-sided DFT as a {@code [frameLength, 2 bins]} matrix: column k is {@code cos(2 pi k n / N)}
   * (the real part), column {@code bins + k} is {@code -sin(2 pi k n / N)} (the imaginary part).
   */
  public double[][] dftBasis() {
    int k = bins();
    double[][] m = new double[frameLength][2 * k];
    for (int n = 0; n < frameLength; n++) {
      for (int j = 0; j < k; j++) {
        double angle = 2 * Math.PI * ((long) j * n % frameLength) / frameLength;
        m[n][j] = Math.cos(angle);
        m[n][k + j] = -Math.sin(angle);
      }
    }
    return m;
  }

  /**
   * The mel filterbank as a {@code [bins, melBands]} matrix: filter b is a triangle over the DFT
   * bins' frequencies {@code k rate / N}, rising from mel point b to 1 at point b + 1 and falling to 0
   * at point b + 2, with {@code melBands + 2} points equally spaced in mel from {@code minHz} to {@code
   * maxHz}.
   */
  public double[][] filterbank() {
    double lo = mel(minHz);
    double hi = mel(maxHz);
    double[] edges = new double[melBands + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = hz(lo + (hi - lo) * i / (melBands + 1));
    }
    double[][] m = new double[bins()][melBands];
    for (int k = 0; k < bins(); k++) {
      double f = (double) k * sampleRate / frameLength;
      for (int b = 0; b < melBands; b++) {
        double rise = (f - edges[b]) / (edges[b + 1] - edges[b]);
        double fall = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
        m[k][b] = Math.max(0, Math.min(rise, fall));
      }
    }
    return m;
  }

  /** HTK's mel scale: {@code 2595 log10(1 + hz / 700)}. */
  public static double mel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  /** The inverse of {@link #mel}. */
  public static double hz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }
}
