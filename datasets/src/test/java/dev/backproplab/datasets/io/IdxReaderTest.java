package dev.backproplab.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  private static HadoopInput input;

  @TempDir Path dir;

  @BeforeAll
  static void hadoop() {
    input = HadoopInput.withDefaultConfiguration();
  }

  private String write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p.toString();
  }

  private IdxImages images(String file, int rows, int cols) throws IOException {
    try (InputStream in = input.openDecompressed(file)) {
      return IdxReader.readImages(in, file, rows, cols);
    }
  }

  private IdxLabels labels(String file, int classes) throws IOException {
    try (InputStream in = input.openDecompressed(file)) {
      return IdxReader.readLabels(in, file, classes);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsGoodFilesRawAndGzipped(boolean gzip) throws IOException {
    byte[] img = TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 5, 4, 3);
    byte[] lab = TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 5, 10);
    String fi = write("img" + (gzip ? ".gz" : ""), gzip ? TestFiles.gzip(img) : img);
    String fl = write("lab" + (gzip ? ".gz" : ""), gzip ? TestFiles.gzip(lab) : lab);
    IdxImages images = images(fi, 4, 3);
    IdxLabels labels = labels(fl, 10);
    IdxReader.checkSameCount(images, labels);
    assertEquals(5, images.count());
    assertEquals(4, images.rows());
    assertEquals(3, images.cols());
    assertArrayEquals(Arrays.copyOfRange(img, 16, img.length), images.pixels());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, labels.labels());
  }

  @Test
  void readsThroughFileUri() throws IOException {
    String f = write("img", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 2, 2, 2));
    IdxImages images = images(Path.of(f).toUri().toString(), IdxReader.ANY, IdxReader.ANY);
    assertEquals(2, images.count());
  }

  @Test
  void wrongMagicNamesFileFoundAndExpected() throws IOException {
    String f = write("train-images-idx3-ubyte.gz",
        TestFiles.gzip(TestFiles.idxImages(0x00000804, 2, 28, 28)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, 28, 28));
    assertEquals("Invalid IDX file " + f + ": magic number was 0x00000804, expected 0x00000803 "
        + "(unsigned-byte images, 3 dimensions).", e.getMessage());
  }

  @Test
  void labelFileGivenAsImagesIsRejected() throws IOException {
    String f = write("lab", TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 30, 10));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, 28, 28));
    assertTrue(e.getMessage().contains("magic number was 0x00000801, expected 0x00000803"), e.getMessage());
  }

  @Test
  void wrongDimensionsAreRejected() throws IOException {
    String f = write("img", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 2, 27, 28));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, 28, 28));
    assertTrue(e.getMessage().contains(f) && e.getMessage().contains("images were 27x28, expected 28x28"),
        e.getMessage());
  }

  @Test
  void zeroDimensionIsRejected() throws IOException {
    String f = write("img", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 0, 28, 28));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, IdxReader.ANY, IdxReader.ANY));
    assertTrue(e.getMessage().contains("expected positive counts"), e.getMessage());
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    String fi = write("img", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 5, 2, 2));
    String fl = write("lab", TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 4, 10));
    IdxImages images = images(fi, 2, 2);
    IdxLabels labels = labels(fl, 10);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.checkSameCount(images, labels));
    assertEquals("IDX files disagree: " + fi + " holds 5 images but " + fl
        + " holds 4 labels; expected one label per image.", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedImagesAreRejected(boolean gzip) throws IOException {
    byte[] full = TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 3, 4, 4);
    byte[] cut = Arrays.copyOf(full, full.length - 5);
    String f = write("img", gzip ? TestFiles.gzip(cut) : cut);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, 4, 4));
    assertTrue(e.getMessage().contains("truncated: the header declares 3 images of 4x4 (48 pixel bytes) "
        + "but the file ends after 43 of them"), e.getMessage());
  }

  @Test
  void truncatedGzipStreamIsRejected() throws IOException {
    byte[] gz = TestFiles.gzip(TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 50, 10, 10));
    String f = write("img.gz", Arrays.copyOf(gz, gz.length / 2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> images(f, 10, 10));
    assertTrue(e.getMessage().startsWith("Invalid IDX file " + f + ":"), e.getMessage());
  }

  @Test
  void truncatedHeaderIsRejected() throws IOException {
    String f = write("lab", new byte[] {0, 0, 8, 1, 0});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> labels(f, 10));
    assertTrue(e.getMessage().contains("the file is 5 bytes long, expected at least the 8-byte header"),
        e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    byte[] full = TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 3, 10);
    String f = write("lab", Arrays.copyOf(full, full.length + 2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> labels(f, 10));
    assertTrue(e.getMessage().contains("2 unexpected bytes after the 11 bytes its header declares"), e.getMessage());
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    String f = write("lab", TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 12, 12));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> labels(f, 10));
    assertTrue(e.getMessage().contains("label 10 at index 10, expected 0..9"), e.getMessage());
  }

  @Test
  void missingFileIsInvalidInput() {
    String f = dir.resolve("nope.gz").toString();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> input.openDecompressed(f));
    assertTrue(e.getMessage().contains(f) && e.getMessage().contains("does not exist"), e.getMessage());
  }
}
