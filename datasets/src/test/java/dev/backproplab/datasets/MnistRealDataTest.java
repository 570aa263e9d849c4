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

/** The real MNIST from $BPL_DATA_DIR/mnist against its published split, label counts and statistics; parsed once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MnistRealDataTest {
  String dataDir;
  DataSplit mnist;

  @BeforeAll
  void load() {
    dataDir = RealData.dataDirOrNull("mnist");
    if (dataDir != null) {
      mnist = RealData.loader(dataDir).load("mnist");
    }
  }

  @BeforeEach
  void requireData() {
    RealData.assumeData("mnist", "real-MNIST");
  }

  @AfterAll
  void release() {
    mnist = null;
  }

  @Test
  void hasTheOfficialSplitAndShape() {
    assertEquals(60_000, mnist.train().size());
    assertEquals(10_000, mnist.test().size());
    assertArrayEquals(new int[] {1, 28, 28}, mnist.train().sampleShape());
    assertEquals(10, mnist.train().numClasses());
  }

  @Test
  void trainLabelCountsMatchThePublishedOnes() {
    int[] counts = new int[10];
    for (int l : mnist.train().labels()) {
      counts[l]++;
    }
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts);
  }

  @Test
  void trainPixelMeanAndStdAfterScaling() {
    double[] ms = RealData.meanStd(mnist.train());
    assertEquals(0.1307, ms[0], 5e-5);
    assertEquals(0.3081, ms[1], 5e-5);
    float max = 0;
    for (float v : mnist.train().features()) {
      max = Math.max(max, v);
    }
    assertEquals(1f, max);
  }

  @Test
  void contentChecksumIsTheDocumentedConcatenation() {
    // sha256 of: zcat train-images, train-labels, t10k-images, t10k-labels (in that order)
    assertEquals("b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a", mnist.sha256());
  }

  @Test
  void registryChecksumsMatchTheRealFiles() {
    VerificationReport r = RealData.manager(dataDir).verify("mnist");
    assertTrue(r.fullyVerified(), r.toString());
    assertEquals(4, r.files().size());
  }
}
