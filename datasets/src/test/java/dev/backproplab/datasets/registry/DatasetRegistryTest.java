package dev.backproplab.datasets.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetRegistryTest {
  private final DatasetRegistry registry = DatasetRegistry.standard();

  @Test
  void knowsTheNineDataSets() {
    assertEquals(List.of("mnist", "fashion-mnist", "cifar10", "digits", "iris", "wine", "breast-cancer",
        "espeak-words", "espeak-speakers"), registry.names());
  }

  @Test
  void answersShapesWithoutReading() {
    assertArrayEquals(new int[] {1, 28, 28}, registry.require("mnist").sampleShape());
    assertArrayEquals(new int[] {3, 32, 32}, registry.require("cifar10").sampleShape());
    assertArrayEquals(new int[] {1, 8, 8}, registry.require("digits").sampleShape());
    assertArrayEquals(new int[] {30}, registry.require("breast-cancer").sampleShape());
    assertEquals(2, registry.require("breast-cancer").numClasses());
    assertEquals(3, registry.require("wine").numClasses());
  }

  @Test
  void namesAreNormalised() {
    assertEquals("breast-cancer", registry.require("Breast_Cancer").name());
    assertEquals("fashion-mnist", registry.require("fashion_mnist").name());
    assertEquals("cifar10", registry.require("CIFAR-10").name());
  }

  @Test
  void unknownNameListsKnownNamesAndNearest() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry.require("minst"));
    assertEquals("Unknown data set 'minst' (did you mean 'mnist'?): known data sets: mnist, fashion-mnist, cifar10, "
        + "digits, iris, wine, breast-cancer, espeak-words, espeak-speakers; or give a path or URI to a directory or file holding the data.",
        e.getMessage());
    assertTrue(assertThrows(InvalidInputException.class, () -> registry.require("wines")).getMessage()
        .contains("did you mean 'wine'?"));
  }

  @Test
  void everyEntryHasMirrorsOrARecipeLicenseCitationAndChecksums() {
    for (DatasetEntry e : registry.entries()) {
      assertTrue(!e.license().isBlank() && !e.citation().isBlank(), e.name());
      assertTrue(e.isLocal() == e.name().startsWith("espeak-"), e.name() + " local: " + e.isLocal());
      assertTrue(e.recipe().contains(e.isLocal() ? "scripts/make-espeak-words.sh" : "bpl datasets fetch " + e.name()),
          e.recipe());
      for (DatasetFile f : e.files()) {
        assertTrue(f.sha256() != null || e.archive().isPresent(), e.name() + " " + f.role());
      }
    }
    assertEquals("c32a1d4ab5d03f1284b67883e8d87530", registry.require("cifar10").archive().orElseThrow().md5());
    assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), registry.require("mnist").mirrors().get(0));
  }

  @Test
  void mirrorsCanBeOverridden() {
    URI local = URI.create("http://127.0.0.1:1234/x/");
    DatasetRegistry r = registry.withMirrors("iris", List.of(local));
    assertEquals(List.of(local), r.require("iris").mirrors());
    assertEquals(registry.require("mnist"), r.require("mnist"));
  }
}
