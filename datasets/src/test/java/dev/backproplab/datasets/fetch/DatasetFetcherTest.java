package dev.backproplab.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.io.TestFiles;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFile;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DatasetFetcherTest {
  static final byte[] CSV = "3,2,a,b\n1,2,0\n3,4,1\n5,6,1\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] GZ = TestFiles.gzip(CSV);
  static final byte[] CORRUPT = TestFiles.gzip("3,2,a,b\n1,2,0\n3,4,1\n5,6,0\n".getBytes(StandardCharsets.US_ASCII));
  static TestServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    server = new TestServer()
        .serve("good", "iris.csv.gz", GZ)
        .serve("corrupt", "iris.csv.gz", CORRUPT)
        .truncate("truncated", "iris.csv.gz", GZ)
        .status("error", "iris.csv.gz", 500)
        .status("missing", "iris.csv.gz", 404);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static DatasetFetcher fetcher() {
    return new DatasetFetcher(HttpDownloader.defaultClient(),
        new RetryPolicy(3, Duration.ofMillis(5), 2.0, Duration.ofSeconds(10)));
  }

  static DatasetEntry entry(String... mirrors) {
    DatasetEntry iris = DatasetRegistry.standard().require("iris");
    String sha;
    try {
      sha = Checksums.hexOf(Checksums.sha256(), new ByteArrayInputStream(CSV));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return iris.withFiles(List.of(new DatasetFile("data", List.of("iris.csv.gz", "iris.csv"), sha)), Optional.empty())
        .withMirrors(Arrays.stream(mirrors).map(server::mirror).toList());
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  @Test
  void fetchesAndVerifiesAGoodFile() throws IOException {
    FetchResult r = fetcher().fetch(entry("good"), dir);
    assertArrayEquals(GZ, Files.readAllBytes(dir.resolve("iris.csv.gz")));
    assertEquals(List.of(server.mirror("good").resolve("iris.csv.gz").toString()), r.downloaded());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void verifiedFileIsNotDownloadedAgain() throws IOException {
    Path sub = dir.resolve("again");
    fetcher().fetch(entry("good"), sub);
    int before = server.hits("good", "iris.csv.gz");
    FetchResult r = fetcher().fetch(entry("good"), sub);
    assertEquals(before, server.hits("good", "iris.csv.gz"));
    assertEquals(List.of("iris.csv.gz"), r.alreadyPresent());
  }

  @Test
  void corruptExistingFileIsReplacedByAVerifiedDownload() throws IOException {
    Files.write(dir.resolve("iris.csv.gz"), CORRUPT);
    FetchResult r = fetcher().fetch(entry("good"), dir);
    assertEquals(1, r.downloaded().size());
    assertArrayEquals(GZ, Files.readAllBytes(dir.resolve("iris.csv.gz")));
  }

  @Test
  void failedFetchLeavesAnExistingFileUntouched() throws IOException {
    Files.write(dir.resolve("iris.csv.gz"), CORRUPT);
    assertThrows(FetchException.class, () -> fetcher().fetch(entry("missing"), dir));
    assertArrayEquals(CORRUPT, Files.readAllBytes(dir.resolve("iris.csv.gz")));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void corruptedFileIsRejectedAndNothingIsWritten() throws IOException {
    int before = server.hits("corrupt", "iris.csv.gz");
    FetchException e = assertThrows(FetchException.class, () -> fetcher().fetch(entry("corrupt"), dir));
    assertTrue(e.getMessage().contains("checksum mismatch: the SHA-256 of the decompressed content was "), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing was written under " + dir.resolve("iris.csv.gz")), e.getMessage());
    assertFalse(Files.exists(dir.resolve("iris.csv.gz")));
    assertEquals(List.of(), leftovers());
    assertEquals(before + 1, server.hits("corrupt", "iris.csv.gz"), "a checksum mismatch is not retried");
  }

  @Test
  void truncatedTransferIsRetriedThenFailsWithoutPartialFile() throws IOException {
    int before = server.hits("truncated", "iris.csv.gz");
    FetchException e = assertThrows(FetchException.class, () -> fetcher().fetch(entry("truncated"), dir));
    assertEquals(before + 3, server.hits("truncated", "iris.csv.gz"));
    assertTrue(e.getMessage().contains("(attempt 3)"), e.getMessage());
    assertTrue(e.getMessage().contains("(attempt 3): IOException: transfer broken off after "), e.getMessage());
    assertFalse(Files.exists(dir.resolve("iris.csv.gz")));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void serverErrorIsRetriedThenNextMirrorIsUsed() throws IOException {
    int before = server.hits("error", "iris.csv.gz");
    FetchResult r = fetcher().fetch(entry("error", "truncated", "good"), dir);
    assertEquals(before + 3, server.hits("error", "iris.csv.gz"));
    assertEquals(List.of(server.mirror("good").resolve("iris.csv.gz").toString()), r.downloaded());
    assertArrayEquals(GZ, Files.readAllBytes(dir.resolve("iris.csv.gz")));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void notFoundIsNotRetriedAndEveryAttemptIsReported() {
    int before = server.hits("missing", "iris.csv.gz");
    FetchException e = assertThrows(FetchException.class, () -> fetcher().fetch(entry("missing", "error"), dir));
    assertEquals(before + 1, server.hits("missing", "iris.csv.gz"));
    String m = e.getMessage();
    assertTrue(m.startsWith("Could not fetch iris.csv.gz of data set iris from any mirror: "), m);
    assertTrue(m.contains("/missing/iris.csv.gz (attempt 1): HTTP 404"), m);
    assertTrue(m.contains("/error/iris.csv.gz (attempt 3): HTTP 500"), m);
  }

  @Test
  void retryPolicyBacksOffExponentially() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    assertEquals(Duration.ofMillis(100), p.backoffAfter(1));
    assertEquals(Duration.ofMillis(400), p.backoffAfter(3));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO));
  }

  @Test
  void mirrorOfTheRegistryIsUsed() {
    assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
        DatasetRegistry.standard().require("mnist").mirrors().get(0).resolve("train-images-idx3-ubyte.gz"));
  }
}
