package dev.backproplab.core.invert;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The files an input optimisation leaves: a waveform as a 16-bit mono WAV file (through the JDK's
 * {@code javax.sound.sampled}, as the data sets are read), and a matrix as a grey-scale PNG (through
 * {@code javax.imageio}), scaled from its minimum (black) to its maximum (white). Stateless.
 */
public final class Renderings {
  private Renderings() {}

  /** {@code samples} in [-1, 1] (clipped outside) at {@code rate} Hz as the bytes of a 16-bit PCM WAV file. */
  public static byte[] wav(double[] samples, int rate) {
    byte[] pcm = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      long v = Math.round(Math.max(-1.0, Math.min(1.0, samples[i])) * Short.MAX_VALUE);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a WAV file in memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The row-major {@code rows x cols} matrix {@code values} as PNG bytes, each value a {@code scale x
   * scale} square; with {@code transpose}, rows become columns and the first column the bottom row (a
   * spectrogram of frames x bands: time to the right, frequency up).
   */
  public static byte[] png(double[] values, int rows, int cols, int scale, boolean transpose) {
    if (values.length != rows * cols || scale < 1) {
      throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " image at scale "
          + scale);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double span = hi > lo ? hi - lo : 1;
    int w = (transpose ? rows : cols) * scale;
    int h = (transpose ? cols : rows) * scale;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = transpose ? x / scale : y / scale;
        int c = transpose ? cols - 1 - y / scale : x / scale;
        int g = (int) Math.round(255 * (values[r * cols + c] - lo) / span);
        image.getRaster().setSample(x, y, 0, g);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a PNG image in memory", e);
    }
    return out.toByteArray();
  }
}
