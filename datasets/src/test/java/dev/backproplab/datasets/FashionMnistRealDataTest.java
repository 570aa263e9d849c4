package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real Fashion-MNIST from $BPL_DATA_DIR/fashion-mnist; parsed once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionMnistRealDataTest {
  String dataDir;
  DataSplit fashion;

  @BeforeAll
  void load() {
    dataDir = RealData.dataDirOrNull("fashion-mnist");
    if (dataDir != null) {
      fashion = RealData.loader(dataDir).load("fashion-mnist");
    }
  }

  @BeforeEach
  void requireData() {
    RealData.assumeData("fashion-mnist", "real-Fashion-MNIST");
  }

  @AfterAll
  void release() {
    fashion = null;
  }

  @Test
  void hasTheOfficialSplitAndBalancedClasses() {
    assertEquals(60_000, fashion.train().size());
    assertEquals(10_000, fashion.test().size());
    assertArrayEquals(new int[] {1, 28, 28}, fashion.test().sampleShape());
    int[] counts = new int[10];
    for (int l : fashion.train().labels()) {
      counts[l]++;
    }
    for (int c : counts) {
      assertEquals(6000, c);
    }
  }

  @Test
  void trainPixelMeanAndStdAfterScaling() {
    double[] ms = RealData.meanStd(fashion.train());
    assertEquals(0.2860, ms[0], 5e-5);
    assertEquals(0.3530, ms[1], 5e-5);
  }

  @Test
  void contentChecksumIsTheDocumentedConcatenation() {
    assertEquals("14410854cf7a289477dcfc7df3f8ec24741e281cdcc425ede0d9a748ca630214", fashion.sha256());
  }

  @Test
  void registryChecksumsMatchTheRealFiles() {
    VerificationReport r = RealData.manager(dataDir).verify("fashion-mnist");
    assertTrue(r.fullyVerified(), r.toString());
  }
}
