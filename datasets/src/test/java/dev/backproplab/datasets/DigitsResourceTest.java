package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.datasets.io.CsvLayout;
import dev.backproplab.datasets.io.CsvReader;
import dev.backproplab.datasets.io.CsvTable;
import dev.backproplab.datasets.io.HadoopInput;
import dev.backproplab.datasets.registry.DataEnvironment;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded digits: present, well-formed, and loaded with no set-up at all. */
class DigitsResourceTest {
  static final String RESOURCE = "dev/backproplab/datasets/digits.csv.gz";

  @TempDir Path home;

  @Test
  void resourceHas1797RowsWithBalancedClassesAndPixelsIn0To16() throws IOException {
    CsvTable t;
    try (InputStream in = HadoopInput.decompressIfGzip(getClass().getClassLoader().getResourceAsStream(RESOURCE))) {
      t = CsvReader.read(in, RESOURCE, new CsvLayout(false, 64, 10, 0, 16));
    }
    assertEquals(1797, t.rows());
    int[] counts = new int[10];
    for (int l : t.labels()) {
      counts[l]++;
    }
    for (int c = 0; c < 10; c++) {
      assertTrue(counts[c] >= 174 && counts[c] <= 183, "class " + c + " has " + counts[c]);
    }
    float max = 0;
    for (float v : t.values()) {
      max = Math.max(max, v);
    }
    assertEquals(16f, max);
  }

  @Test
  void attributionSitsBesideTheResource() {
    assertNotNull(getClass().getClassLoader().getResource("dev/backproplab/datasets/digits.ATTRIBUTION.txt"));
  }

  @Test
  void loadsFromTheResourceWithNothingSetUp() {
    DatasetLoader loader = new DatasetLoader(DatasetRegistry.standard(),
        new DataEnvironment(Optional.empty(), home), new Configuration());
    DataSplit s = loader.load("digits");
    assertEquals("digits", s.name());
    assertEquals(1797, s.train().size() + s.test().size());
    // class sizes 178,182,177,183,181,182,181,179,174,180: sum of round(0.2 * n_c) = 359
    assertEquals(359, s.test().size());
    assertArrayEquals(new int[] {1, 8, 8}, s.train().sampleShape());
    assertEquals(10, s.train().numClasses());
    assertEquals("6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8", s.sha256());
    for (Examples e : new Examples[] {s.train(), s.test()}) {
      for (float v : e.features()) {
        assertTrue(v >= 0f && v <= 1f, "scaled by 1/16: " + v);
      }
    }
    DataSplit again = loader.load("digits");
    assertArrayEquals(s.test().labels(), again.test().labels());
    assertArrayEquals(s.train().features(), again.train().features());
  }
}
