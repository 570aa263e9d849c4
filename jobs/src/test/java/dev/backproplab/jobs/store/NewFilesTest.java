package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.bench.SyntheticResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the store creates on the local file system: written through java.nio (their folders made),
 * replaced whole, positions counted for Parquet, and no {@code .crc} side files beside committed results.
 */
class NewFilesTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @Test
  void aLocalFileIsWrittenInNewFoldersAndReplacedWhole() throws IOException {
    for (FileSystem fs : List.of(FileSystem.getLocal(conf), FileSystem.getLocal(conf).getRawFileSystem())) {
      Path file = dir.resolve(fs.getClass().getSimpleName()).resolve("a/b/.x.inprogress");
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
      for (String text : List.of("a longer first text", "short")) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (PositionOutputStream out = NewFiles.create(fs, p, true)) {
          out.write(bytes, 0, 2);
          out.write(bytes[2]);
          out.write(bytes, 3, bytes.length - 3);
          assertEquals(bytes.length, out.getPos());
        }
        assertArrayEquals(bytes, Files.readAllBytes(file), fs.getClass().getSimpleName());
      }
      try (Stream<Path> files = Files.list(file.getParent())) {
        assertEquals(List.of(file), files.toList(), "no .crc side file");
      }
    }
  }

  @Test
  void committedResultsHaveNoSideFilesAndEveryReaderReadsThem() throws IOException {
    SyntheticResults.write(dir.toString(), "s", 8, 3, 5);
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".parquet") || n.endsWith(".crc")).toList();
      assertTrue(names.size() >= 16, "a curve and a row per trial: " + names);
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".crc") || n.startsWith(".")), names.toString());
    }
    ResultsStore store = new ResultsStore(dir.toString());
    try (SweepLock lock = store.lock("s", "test", conf)) {
      assertEquals(List.of(), store.recover("s", conf), "every file reads as its name says");
    }
    Map<String, ResultsStore.Committed> committed = store.committed("s", conf);
    assertEquals(8, committed.size());
  }
}
