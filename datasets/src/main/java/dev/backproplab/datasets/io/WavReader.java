package dev.backproplab.datasets.io;

import dev.backproplab.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV files of 16-bit signed PCM, mono, with the JDK's {@code javax.sound.sampled}: samples as
 * floats in [-1, 1) (divided by 32,768). Any other encoding, sample size, channel count or sample
 * rate is an {@link InvalidInputException} naming the file, what it holds and what was expected.
 * Stateless and thread-safe.
 */
public final class WavReader {
  /** The largest magnitude of a 16-bit sample: samples are divided by it. */
  public static final float FULL_SCALE = 32768f;

  private WavReader() {}

  /**
   * Reads the whole stream (the stream is not closed).
   *
   * @param in the file's content
   * @param file the file's name or URI, for messages
   * @param sampleRate the sample rate the file must have, in Hz
   */
  public static float[] read(InputStream in, String file, float sampleRate) {
    try {
      AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(in));
      AudioFormat f = audio.getFormat();
      if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16
          || f.getChannels() != 1 || f.getSampleRate() != sampleRate) {
        throw new InvalidInputException("Invalid WAV file " + file + ": it holds " + f + "; expected PCM_SIGNED "
            + "16-bit mono at " + (int) sampleRate + " Hz.");
      }
      byte[] bytes = audio.readAllBytes();
      float[] samples = new float[bytes.length / 2];
      boolean big = f.isBigEndian();
      for (int i = 0; i < samples.length; i++) {
        int lo = bytes[2 * i + (big ? 1 : 0)] & 0xff;
        int hi = bytes[2 * i + (big ? 0 : 1)];
        samples[i] = (short) ((hi << 8) | lo) / FULL_SCALE;
      }
      return samples;
    } catch (UnsupportedAudioFileException e) {
      throw new InvalidInputException("Invalid WAV file " + file + ": " + e.getMessage()
          + "; expected a RIFF WAVE file of 16-bit PCM.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
