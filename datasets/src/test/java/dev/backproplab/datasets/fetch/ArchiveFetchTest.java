package dev.backproplab.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.datasets.io.Checksums;
import dev.backproplab.datasets.io.TestFiles;
import dev.backproplab.datasets.registry.ArchiveSpec;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFile;
import dev.backproplab.datasets.registry.DatasetRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ArchiveFetchTest {
  static final byte[] BATCH = TestFiles.cifar(3);
  static final byte[] TEST_BATCH = TestFiles.cifar(2);
  static TestServer server;
  static byte[] good;
  static byte[] evil;

  @TempDir Path dir;

  /** A tar.gz of the given (name, content) pairs. */
  static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @BeforeAll
  static void start() throws IOException {
    java.util.LinkedHashMap<String, byte[]> goodEntries = new java.util.LinkedHashMap<>();
    goodEntries.put("cifar-10-batches-bin/data_batch_1.bin", BATCH);
    goodEntries.put("cifar-10-batches-bin/test_batch.bin", TEST_BATCH);
    goodEntries.put("cifar-10-batches-bin/readme.html", new byte[] {1});
    good = tarGz(goodEntries);
    java.util.LinkedHashMap<String, byte[]> evilEntries = new java.util.LinkedHashMap<>();
    evilEntries.put("cifar-10-batches-bin/data_batch_1.bin", BATCH);
    evilEntries.put("../../evil", new byte[] {6, 6, 6});
    evil = tarGz(evilEntries);
    server = new TestServer().serve("good", "cifar-10-binary.tar.gz", good).serve("evil", "cifar-10-binary.tar.gz", evil);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static DatasetEntry entry(String mirror, byte[] archive) throws IOException {
    DatasetEntry cifar = DatasetRegistry.standard().require("cifar10");
    String md5 = Checksums.hexOf(Checksums.md5(), new ByteArrayInputStream(archive));
    List<DatasetFile> files = List.of(
        new DatasetFile("train-batch-1", List.of("data_batch_1.bin"), null),
        new DatasetFile("test-batch", List.of("test_batch.bin"), null));
    return cifar.withFiles(files, Optional.of(new ArchiveSpec("cifar-10-binary.tar.gz", md5, "cifar-10-batches-bin/")))
        .withMirrors(List.of(server.mirror(mirror)));
  }

  private List<String> contents(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
    }
    return out;
  }

  @Test
  void extractsVerifiedArchiveAndWritesManifest() throws IOException {
    Path target = dir.resolve("cifar10");
    FetchResult r = DatasetFetcherTest.fetcher().fetch(entry("good", good), target);
    assertArrayEquals(BATCH, Files.readAllBytes(target.resolve("data_batch_1.bin")));
    assertArrayEquals(TEST_BATCH, Files.readAllBytes(target.resolve("test_batch.bin")));
    assertEquals(List.of(target.resolve("data_batch_1.bin"), target.resolve("test_batch.bin")), r.files());
    Map<String, String> sums = ExtractedManifest.parse(Files.readAllLines(target.resolve(ExtractedManifest.FILE_NAME)));
    assertEquals(Checksums.hexOf(Checksums.sha256(), new ByteArrayInputStream(BATCH)), sums.get("data_batch_1.bin"));
    assertEquals(List.of("SHA256SUMS", "data_batch_1.bin", "test_batch.bin"),
        contents(target).stream().sorted().toList(), "no archive, staging folder or temporary file is left");

    int before = server.hits("good", "cifar-10-binary.tar.gz");
    FetchResult again = DatasetFetcherTest.fetcher().fetch(entry("good", good), target);
    assertEquals(before, server.hits("good", "cifar-10-binary.tar.gz"), "verified files are not fetched again");
    assertEquals(2, again.alreadyPresent().size());
  }

  @Test
  void refusesEntryEscapingTheTargetAndKeepsNothing() throws IOException {
    Path target = dir.resolve("a/b/cifar10");
    FetchException e = assertThrows(FetchException.class,
        () -> DatasetFetcherTest.fetcher().fetch(entry("evil", evil), target));
    String m = e.getMessage();
    assertTrue(m.startsWith("Refusing to extract cifar-10-binary.tar.gz from " + server.mirror("evil")
        + "cifar-10-binary.tar.gz: its entry '../../evil' would be written to "), m);
    assertTrue(m.contains("outside the folder it is extracted into"), m);
    assertEquals(List.of(), contents(target), "the target holds no partial extraction, archive or temporary file");
    assertFalse(Files.exists(dir.resolve("a/b/evil")));
    assertFalse(Files.exists(dir.resolve("a/evil")));
  }

  @Test
  void archiveWithWrongMd5IsRejected() throws IOException {
    DatasetEntry wrong = entry("good", evil); // expects the evil archive's MD5, server sends the good one
    FetchException e = assertThrows(FetchException.class, () -> DatasetFetcherTest.fetcher().fetch(wrong, dir));
    assertTrue(e.getMessage().contains("checksum mismatch: the MD5 of the archive was "), e.getMessage());
    assertEquals(List.of(), contents(dir));
  }
}
