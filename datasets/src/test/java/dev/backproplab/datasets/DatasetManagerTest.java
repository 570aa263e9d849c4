package dev.backproplab.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.datasets.fetch.DatasetFetcher;
import dev.backproplab.datasets.fetch.FetchResult;
import dev.backproplab.datasets.fetch.HttpDownloader;
import dev.backproplab.datasets.fetch.RetryPolicy;
import dev.backproplab.datasets.fetch.TestServer;
import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.io.TestFiles;
import dev.backproplab.datasets.registry.DataEnvironment;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFile;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI-facing API with an injected environment and a local mirror. */
class DatasetManagerTest {
  static final byte[] IRIS = ("6,4,a,b,c\n1,2,0,0,0\n2,3,0,1,0\n3,4,1,0,1\n4,5,1,1,1\n5,6,2,0,2\n6,7,2,1,2\n")
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path tmp;

  private DatasetRegistry registry(TestServer server) throws IOException {
    DatasetEntry iris = DatasetRegistry.standard().require("iris");
    String sha = Checksums.hexOf(Checksums.sha256(), new ByteArrayInputStream(IRIS));
    return DatasetRegistry.standard().replace(
        iris.withFiles(List.of(new DatasetFile("data", List.of("iris.csv"), sha)), Optional.empty())
            .withMirrors(List.of(server.mirror("m"))));
  }

  private DataEnvironment env() {
    return new DataEnvironment(Optional.empty(), tmp.resolve("home"));
  }

  @Test
  void fetchIntoTheCacheThenListLoadAndVerify() throws IOException {
    try (TestServer server = new TestServer().serve("m", "iris.csv", TestFiles.gzip(IRIS))) {
      DatasetRegistry registry = registry(server);
      DatasetManager manager = new DatasetManager(registry, env(), new Configuration(),
          new DatasetFetcher(HttpDownloader.defaultClient(), new RetryPolicy(1, Duration.ZERO, 1, Duration.ofSeconds(5))));

      Map<String, DatasetStatus> before = manager.list().stream()
          .collect(Collectors.toMap(DatasetStatus::name, Function.identity()));
      assertEquals("not found", before.get("iris").where());
      assertEquals("not found", before.get("mnist").where());
      assertEquals(Optional.of("embedded"), before.get("digits").source());
      assertEquals("not found", before.get("espeak-words").where());
      assertEquals(9, before.size());

      FetchResult r = manager.fetch("iris");
      Path cached = tmp.resolve("home/.cache/backprop-lab/iris/iris.csv");
      assertEquals(List.of(cached), r.files());

      DatasetStatus after = manager.list().stream().filter(s -> s.name().equals("iris")).findFirst().orElseThrow();
      assertEquals(Optional.of("user cache"), after.source());
      assertEquals(Files.size(cached), after.bytesOnDisk());

      VerificationReport ok = manager.verify("iris");
      assertTrue(ok.ok() && ok.fullyVerified(), ok.toString());

      DataSplit split = new DatasetLoader(registry, env(), new Configuration()).load("iris");
      assertEquals(3, split.test().size());

      Files.writeString(cached, "6,4,a,b,c\n1,2,0,0,0\n2,3,0,1,0\n3,4,1,0,1\n4,5,1,1,1\n5,6,2,0,2\n6,8,2,1,2\n");
      VerificationReport bad = manager.verify("iris");
      assertFalse(bad.ok());
      assertEquals(FileCheck.Status.MISMATCH, bad.files().get(0).status());
    }
  }

  @Test
  void fetchIntoAGivenFolder() throws IOException {
    try (TestServer server = new TestServer().serve("m", "iris.csv", IRIS)) {
      DatasetManager manager = new DatasetManager(registry(server), env(), new Configuration(), DatasetFetcher.standard());
      FetchResult r = manager.fetch("IRIS", Optional.of(tmp.resolve("elsewhere")));
      assertTrue(Files.isRegularFile(tmp.resolve("elsewhere/iris.csv")), r.toString());
      assertTrue(manager.verify("iris", Optional.of(tmp.resolve("elsewhere").toString())).fullyVerified());
    }
  }

  @Test
  void embeddedDigitsVerify() {
    DatasetManager manager = new DatasetManager(DatasetRegistry.standard(), env(), new Configuration(),
        DatasetFetcher.standard());
    VerificationReport r = manager.verify("digits");
    assertTrue(r.fullyVerified(), r.toString());
    assertEquals("classpath:dev/backproplab/datasets/digits.csv.gz", r.location());
  }

  @Test
  void unknownOrMissingDataSetsAreInputErrors() {
    DatasetManager manager = new DatasetManager(DatasetRegistry.standard(), env(), new Configuration(),
        DatasetFetcher.standard());
    assertTrue(assertThrows(InvalidInputException.class, () -> manager.fetch("mnst")).getMessage()
        .contains("did you mean 'mnist'?"));
    assertTrue(assertThrows(InvalidInputException.class, () -> manager.verify("cifar10")).getMessage()
        .contains("bpl datasets fetch cifar10"));
  }
}
