package dev.backproplab.datasets.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.datasets.io.HadoopInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
  private static HadoopInput input;
  private static final DatasetEntry MNIST = DatasetRegistry.standard().require("mnist");
  private static final DatasetEntry DIGITS = DatasetRegistry.standard().require("digits");
  private static final DatasetEntry IRIS = DatasetRegistry.standard().require("iris");

  @TempDir Path tmp;

  @BeforeAll
  static void hadoop() {
    input = HadoopInput.withDefaultConfiguration();
  }

  private static void mnistFiles(Path dir, boolean gzip) throws IOException {
    Files.createDirectories(dir);
    for (DatasetFile f : MNIST.files()) {
      Files.write(dir.resolve(gzip ? f.names().get(0) : f.names().get(1)), new byte[] {1});
    }
  }

  private DatasetLocator locator(Optional<String> dataDir) {
    return new DatasetLocator(input, new DataEnvironment(dataDir, tmp.resolve("home")));
  }

  @Test
  void givenPathComesFirst() throws IOException {
    Path given = tmp.resolve("given");
    Path data = tmp.resolve("data");
    mnistFiles(given, false);
    mnistFiles(data.resolve("mnist"), true);
    mnistFiles(tmp.resolve("home/.cache/backprop-lab/mnist"), true);
    LocatedDataset found = locator(Optional.of(data.toString())).locate(MNIST, Optional.of(given.toString()));
    assertEquals("given path", found.source());
    assertTrue(found.files().get(0).endsWith("given/train-images-idx3-ubyte"), found.files().get(0));
  }

  @Test
  void dataDirComesBeforeCacheAndUsesTheSharedLayout() throws IOException {
    Path data = tmp.resolve("data");
    mnistFiles(data.resolve("mnist"), true);
    mnistFiles(tmp.resolve("home/.cache/backprop-lab/mnist"), true);
    Files.createDirectories(data.resolve("uci"));
    Files.write(data.resolve("uci/iris.csv"), new byte[] {1});
    DatasetLocator locator = locator(Optional.of(data.toString()));
    LocatedDataset m = locator.locate(MNIST, Optional.empty());
    assertEquals("$BPL_DATA_DIR", m.source());
    assertTrue(m.files().get(3).endsWith("data/mnist/t10k-labels-idx1-ubyte.gz"), m.files().get(3));
    LocatedDataset iris = locator.locate(IRIS, Optional.empty());
    assertTrue(iris.files().get(0).endsWith("data/uci/iris.csv"), iris.files().get(0));
  }

  @Test
  void incompleteLocationsAreSkippedForTheCache() throws IOException {
    Path data = tmp.resolve("data");
    mnistFiles(data.resolve("mnist"), true);
    Files.delete(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
    mnistFiles(tmp.resolve("home/.cache/backprop-lab/mnist"), true);
    LocatedDataset m = locator(Optional.of(data.toString())).locate(MNIST, Optional.empty());
    assertEquals("user cache", m.source());
  }

  @Test
  void missingDataSetNamesEveryPlaceAndTheFetchCommand() throws IOException {
    Path data = tmp.resolve("data");
    mnistFiles(data.resolve("mnist"), true);
    Files.delete(data.resolve("mnist/train-labels-idx1-ubyte.gz"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> locator(Optional.of(data.toString())).locate(MNIST, Optional.of(tmp.resolve("given").toString())));
    String m = e.getMessage();
    assertTrue(m.startsWith("Data set 'mnist' not found. Looked in "), m);
    assertTrue(m.contains(tmp.resolve("given") + " (given path): no such directory"), m);
    assertTrue(m.contains(data.resolve("mnist") + " ($BPL_DATA_DIR): missing train-labels-idx1-ubyte.gz"), m);
    assertTrue(m.contains(tmp.resolve("home/.cache/backprop-lab/mnist") + " (user cache): no such directory"), m);
    assertTrue(m.contains("Run `bpl datasets fetch mnist`"), m);
    assertFalse(m.contains("is not set"), m);
  }

  @Test
  void unsetDataDirIsMentioned() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> locator(Optional.empty()).locate(IRIS, Optional.empty()));
    assertTrue(e.getMessage().contains("$BPL_DATA_DIR is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("bpl datasets fetch iris"), e.getMessage());
  }

  @Test
  void digitsFallsBackToTheEmbeddedCopy() {
    LocatedDataset d = locator(Optional.empty()).locate(DIGITS, Optional.empty());
    assertTrue(d.embedded());
    assertEquals("embedded", d.source());
    assertEquals("classpath:dev/backproplab/datasets/digits.csv.gz", d.directory());
  }

  @Test
  void singleFileDataSetAcceptsTheFileItself() throws IOException {
    Path f = tmp.resolve("my-iris.csv");
    Files.write(f, new byte[] {1});
    LocatedDataset d = locator(Optional.empty()).locate(IRIS, Optional.of(f.toString()));
    assertEquals("given path", d.source());
    assertTrue(d.files().get(0).endsWith("my-iris.csv"));
  }

  @Test
  void blankDataDirCountsAsUnset() {
    assertTrue(new DataEnvironment(Optional.of("  "), tmp).dataDir().isEmpty());
    assertEquals(tmp.resolve(".cache/backprop-lab/wine"), new DataEnvironment(Optional.empty(), tmp).cacheDir("wine"));
  }
}
