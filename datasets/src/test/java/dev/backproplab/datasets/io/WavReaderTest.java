package dev.backproplab.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** WAV files written by the JDK's own writer, read back; other formats refused with the file's name. */
class WavReaderTest {

  private static byte[] wav(short[] samples, float rate, int channels, boolean bigEndian) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(bigEndian ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      b.putShort(s);
    }
    AudioFormat f = new AudioFormat(rate, 16, channels, true, bigEndian);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b.array()), f, samples.length / channels),
        AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  @Test
  void readsSixteenBitMonoAsFloatsInUnitRange() throws IOException {
    short[] s = {0, 1, -1, 16384, -16384, Short.MAX_VALUE, Short.MIN_VALUE};
    float[] x = WavReader.read(new ByteArrayInputStream(wav(s, 16_000, 1, false)), "a.wav", 16_000);
    assertArrayEquals(new float[] {0f, 1f / 32768, -1f / 32768, 0.5f, -0.5f, 32767f / 32768, -1f}, x, 0f);
  }

  @Test
  void refusesAnotherRateOrStereoNamingTheFile() throws IOException {
    short[] s = new short[8];
    InvalidInputException rate = assertThrows(InvalidInputException.class,
        () -> WavReader.read(new ByteArrayInputStream(wav(s, 8_000, 1, false)), "slow.wav", 16_000));
    assertTrue(rate.getMessage().contains("slow.wav") && rate.getMessage().contains("16000 Hz"), rate.getMessage());
    InvalidInputException stereo = assertThrows(InvalidInputException.class,
        () -> WavReader.read(new ByteArrayInputStream(wav(s, 16_000, 2, false)), "two.wav", 16_000));
    assertTrue(stereo.getMessage().contains("two.wav") && stereo.getMessage().contains("mono"), stereo.getMessage());
  }

  @Test
  void refusesAFileThatIsNotAudio() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> WavReader.read(
        new ByteArrayInputStream("not a wave file at all, just text".getBytes()), "text.wav", 16_000));
    assertTrue(e.getMessage().startsWith("Invalid WAV file text.wav"), e.getMessage());
  }
}
