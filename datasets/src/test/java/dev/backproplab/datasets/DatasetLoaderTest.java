package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.datasets.io.CifarReader;
import dev.backproplab.datasets.io.IdxReader;
import dev.backproplab.datasets.io.TestFiles;
import dev.backproplab.datasets.registry.DataEnvironment;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  @TempDir Path tmp;
  DatasetLoader loader;

  @BeforeEach
  void loader() {
    loader = new DatasetLoader(DatasetRegistry.standard(), new DataEnvironment(Optional.empty(), tmp.resolve("home")),
        new Configuration());
  }

  private Path idxDir(String name, boolean gzip, int rows, int cols) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    write(d, "train-images-idx3-ubyte", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 20, rows, cols), gzip);
    write(d, "train-labels-idx1-ubyte", TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 20, 10), gzip);
    write(d, "t10k-images-idx3-ubyte", TestFiles.idxImages(IdxReader.IMAGES_MAGIC, 5, rows, cols), gzip);
    write(d, "t10k-labels-idx1-ubyte", TestFiles.idxLabels(IdxReader.LABELS_MAGIC, 5, 10), gzip);
    return d;
  }

  private static void write(Path d, String name, byte[] raw, boolean gzip) throws IOException {
    Files.write(d.resolve(gzip ? name + ".gz" : name), gzip ? TestFiles.gzip(raw) : raw);
  }

  @Test
  void idxDirectoryByPathUsesOfficialSplitAndScalesPixels() throws IOException {
    Path d = idxDir("small-mnist", true, 3, 2);
    DataSplit s = loader.load(d.toString());
    assertEquals(20, s.train().size());
    assertEquals(5, s.test().size());
    assertArrayEquals(new int[] {1, 3, 2}, s.train().sampleShape());
    assertEquals(10, s.train().numClasses());
    assertEquals(7f / 255f, s.train().features()[6], 1e-7f, "image 1 pixel 0 = 7");
    assertEquals(d.toString(), s.name());
  }

  @Test
  void checksumIsOfDecompressedContentSoGzipAndRawAgree() throws IOException {
    DataSplit gz = loader.load(idxDir("gz", true, 2, 2).toString());
    DataSplit raw = loader.load(idxDir("raw", false, 2, 2).toUri().toString());
    assertEquals(raw.sha256(), gz.sha256());
    DataSplit other = loader.load(idxDir("other", false, 2, 3).toString());
    assertNotEquals(raw.sha256(), other.sha256());
  }

  @Test
  void registryNameChecksTheRegisteredChecksums() throws IOException {
    Path d = idxDir("fake-mnist", true, 28, 28);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> loader.load("mnist", LoadOptions.defaults().withLocation(d.toString())));
    assertTrue(e.getMessage().startsWith("Checksum mismatch in file:" + d.resolve("train-images-idx3-ubyte.gz")
        + ": the SHA-256 of its decompressed content was "), e.getMessage());
    assertTrue(e.getMessage().contains("expected ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
        + " (the registered content of mnist)"), e.getMessage());
  }

  @Test
  void registryNameRejectsWrongImageSizeBeforeTheChecksum() throws IOException {
    Path d = idxDir("wrong-size", false, 27, 28);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> loader.load("mnist", LoadOptions.defaults().withLocation(d.toString())));
    assertTrue(e.getMessage().contains("images were 27x28, expected 28x28"), e.getMessage());
  }

  @Test
  void cifarDirectoryByPath() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("cifar/cifar-10-batches-bin"));
    for (int i = 1; i <= 5; i++) {
      Files.write(d.resolve("data_batch_" + i + ".bin"), TestFiles.cifar(4));
    }
    Files.write(d.resolve("test_batch.bin"), TestFiles.cifar(3));
    DataSplit s = loader.load(tmp.resolve("cifar").toString());
    assertEquals(20, s.train().size());
    assertEquals(3, s.test().size());
    assertArrayEquals(new int[] {3, 32, 32}, s.train().sampleShape());
    float[] f = s.train().features();
    int img = 5; // second batch, record 1
    assertEquals(1, s.train().labels()[img]);
    assertEquals(100f / 255f, f[img * CifarReader.PIXELS + 1024], 1e-7f, "green plane");
    assertEquals(1f / 255f, f[img * CifarReader.PIXELS + 2048], 1e-7f, "blue plane holds the record index");
  }

  @Test
  void cifarRegistryNameReadsAGivenLocation() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("c10"));
    for (int i = 1; i <= 5; i++) {
      Files.write(d.resolve("data_batch_" + i + ".bin"), TestFiles.cifar(2));
    }
    Files.write(d.resolve("test_batch.bin"), TestFiles.cifar(2));
    DataSplit s = loader.load("cifar10", LoadOptions.defaults().withLocation(d.toString()));
    assertEquals("cifar10", s.name());
    assertEquals(10, s.train().size());
  }

  @Test
  void tabularCsvIsSplitStratifiedAndStandardisedWithTrainStatistics() throws IOException {
    StringBuilder sb = new StringBuilder("40,2,a,b\n");
    for (int i = 0; i < 40; i++) {
      sb.append(i).append(',').append(1000 + 3 * i).append(',').append(i % 2).append('\n');
    }
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, sb, StandardCharsets.UTF_8);
    DataSplit s = loader.load(f.toString(), LoadOptions.defaults().withTestFraction(0.25).withSplitSeed(9));
    assertEquals(30, s.train().size());
    assertEquals(10, s.test().size());
    assertArrayEquals(new int[] {2}, s.train().sampleShape());
    double[] mean = new double[2];
    double[] sq = new double[2];
    float[] x = s.train().features();
    for (int i = 0; i < x.length; i++) {
      mean[i % 2] += x[i] / 30.0;
      sq[i % 2] += x[i] * x[i] / 30.0;
    }
    assertEquals(0, mean[0], 1e-5);
    assertEquals(1, sq[1] - mean[1] * mean[1], 1e-4);
    DataSplit other = loader.load(f.toString(), LoadOptions.defaults().withTestFraction(0.25).withSplitSeed(10));
    assertFalse(java.util.Arrays.equals(s.test().features(), other.test().features()), "the seed matters");
    assertEquals(s.sha256(), other.sha256(), "the checksum is of the content, not the split");
  }

  @Test
  void unknownNameSuggestsTheNearest() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load("fashon-mnist"));
    assertTrue(e.getMessage().startsWith("Unknown data set 'fashon-mnist' (did you mean 'fashion-mnist'?)"),
        e.getMessage());
  }

  @Test
  void missingPathIsExplained() {
    String p = tmp.resolve("nowhere/data.csv").toString();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(p));
    assertTrue(e.getMessage().contains(p + " does not exist, and it is not a known data set name (mnist, "),
        e.getMessage());
  }

  @Test
  void unreachableFileSystemIsExplained() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load("nosuchfs://host/data/"));
    assertTrue(e.getMessage().contains("could not be reached: its file system failed with "), e.getMessage());
    assertTrue(e.getMessage().contains("No FileSystem for scheme"), e.getMessage());
  }

  @Test
  void directoryWithoutKnownFilesIsExplained() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("empty"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(d.toString()));
    assertTrue(e.getMessage().contains("holds neither the four IDX files"), e.getMessage());
  }

  @Test
  void missingRegistryDataSetTellsHowToFetch() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load("wine"));
    assertTrue(e.getMessage().contains("Run `bpl datasets fetch wine`"), e.getMessage());
  }
}
