package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real UCI files from $BPL_DATA_DIR/uci: registry checksums, shapes and split sizes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UciRealDataTest {
  String dataDir;

  @BeforeEach
  void dataDir() {
    RealData.assumeData("uci", "real-UCI");
    dataDir = RealData.dataDirOrNull("uci");
  }

  @ParameterizedTest
  @ValueSource(strings = {"digits", "iris", "wine", "breast-cancer"})
  void registryChecksumsMatchTheRealFiles(String name) {
    VerificationReport r = RealData.manager(dataDir).verify(name);
    assertTrue(r.fullyVerified(), r.toString());
    assertTrue(r.location().endsWith("/uci"), r.location());
  }

  /** Test sizes are sums over classes of round(0.2 * n_c): iris 3x10, wine 12+14+10, cancer 42+71. */
  @ParameterizedTest
  @CsvSource({"iris, 4, 3, 150, 30", "wine, 13, 3, 178, 36", "breast-cancer, 30, 2, 569, 113", "digits, 64, 10, 1797, 359"})
  void loadsWithAStratifiedSplit(String name, int features, int classes, int total, int test) {
    DataSplit s = RealData.loader(dataDir).load(name);
    assertEquals(total, s.train().size() + s.test().size());
    assertEquals(test, s.test().size());
    assertEquals(features, s.train().numFeatures());
    assertEquals(classes, s.train().numClasses());
    if (!name.equals("digits")) {
      assertArrayEquals(new int[] {features}, s.train().sampleShape());
      double[] ms = RealData.meanStd(s.train());
      assertEquals(0, ms[0], 1e-4, "standardised with the train split's statistics");
      assertEquals(1, ms[1], 1e-3);
    }
  }
}
