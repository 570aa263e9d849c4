package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local speech sets espeak-words and espeak-speakers from $BPL_DATA_DIR/espeak-words: checksums,
 * labels, the two splits, a damaged clip, and what fetch and a missing folder say.
 */
class SpeechRealDataTest {

  private static String dataDir() {
    RealData.assumeData("espeak-words", "espeak-words");
    return RealData.dataDirOrNull("espeak-words");
  }

  @Test
  void registryChecksumsMatchTheIndexAndManifest() {
    VerificationReport r = RealData.manager(dataDir()).verify("espeak-words");
    assertTrue(r.fullyVerified(), r.toString());
  }

  /** Held-out speakers: 12 train speakers x 30 clips, 4 test speakers x 30 clips, 12 test clips per word. */
  @Test
  void wordsAreLabelledByWordWithUnseenSpeakersAsTest() {
    DataSplit s = RealData.loader(dataDir()).load("espeak-words");
    assertEquals(360, s.train().size());
    assertEquals(120, s.test().size());
    assertArrayEquals(new int[] {16_000}, s.train().sampleShape());
    assertEquals(10, s.test().numClasses());
    assertArrayEquals(new int[] {12, 12, 12, 12, 12, 12, 12, 12, 12, 12}, counts(s.test()));
    assertSpeech(s.train());
  }

  /** Held-out renditions: every speaker says every word twice in training and once in test. */
  @Test
  void speakersAreLabelledBySpeakerWithTheLastRenditionAsTest() {
    DataSplit words = RealData.loader(dataDir()).load("espeak-words");
    DataSplit s = RealData.loader(dataDir()).load("espeak-speakers");
    assertEquals(320, s.train().size());
    assertEquals(160, s.test().size());
    assertEquals(16, s.test().numClasses());
    for (int c : counts(s.test())) {
      assertEquals(10, c);
    }
    assertEquals(words.sha256(), s.sha256(), "one folder, one content checksum");
  }

  @Test
  void aDamagedClipIsNamed(@TempDir Path tmp) throws IOException {
    Path source = Path.of(dataDir(), "espeak-words");
    Path copy = tmp.resolve("espeak-words");
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(p -> copy(p, copy.resolve(source.relativize(p).toString())));
    }
    Path clip = copy.resolve("words/seven/s03_1.wav");
    byte[] bytes = Files.readAllBytes(clip);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(clip, bytes);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> RealData.loader(tmp.toString()).load("espeak-words"));
    assertTrue(e.getMessage().startsWith("Checksum mismatch in ") && e.getMessage().contains("words/seven/s03_1.wav"),
        e.getMessage());
  }

  @Test
  void fetchAndAMissingFolderSayHowToMakeIt(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("espeak-words"));
    InvalidInputException fetch = assertThrows(InvalidInputException.class,
        () -> RealData.manager(tmp.toString()).fetch("espeak-words"));
    assertTrue(fetch.getMessage().contains("scripts/make-espeak-words.sh DIR"), fetch.getMessage());
    InvalidInputException load = assertThrows(InvalidInputException.class,
        () -> RealData.loader(tmp.toString()).load("espeak-speakers"));
    assertTrue(load.getMessage().contains("missing index.csv, SHA256SUMS")
        && load.getMessage().contains("(and the WAV files they list)")
        && load.getMessage().contains("scripts/make-espeak-words.sh DIR")
        && !load.getMessage().contains("bpl datasets fetch"), load.getMessage());
  }

  private static void assertSpeech(Examples e) {
    double energy = 0;
    for (float v : e.features()) {
      assertTrue(v >= -1f && v < 1f);
      energy += v * v;
    }
    double rms = Math.sqrt(energy / e.features().length);
    assertTrue(rms > 0.01 && rms < 0.5, "speech-like level, RMS " + rms);
    assertNotEquals(e.features()[8_000], e.features()[16_000 + 8_000]);
  }

  private static int[] counts(Examples e) {
    int[] c = new int[e.numClasses()];
    for (int y : e.labels()) {
      c[y]++;
    }
    return c;
  }

  private static void copy(Path from, Path to) {
    try {
      if (Files.isDirectory(from)) {
        Files.createDirectories(to);
      } else {
        Files.copy(from, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
