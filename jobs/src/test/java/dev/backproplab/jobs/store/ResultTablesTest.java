package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.bench.SyntheticResults;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's own files (its row, a short curve) are written plain, without dictionaries or compression,
 * and the run-end compaction writes them dictionary-encoded and Snappy-compressed.
 */
class ResultTablesTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @Test
  void aTrialsFilesArePlainAndTheirCompactionIsEncoded() throws Exception {
    SyntheticResults.write(dir.toString(), "s", 12, 20, 3);
    org.apache.hadoop.fs.Path trials = new org.apache.hadoop.fs.Path(dir.resolve("trials/sweep_id=s/method=bp").toString());
    org.apache.hadoop.fs.Path curves = new org.apache.hadoop.fs.Path(dir.resolve("curves/sweep_id=s/method=bp").toString());
    for (org.apache.hadoop.fs.Path folder : List.of(trials, curves)) {
      List<FileStatus> files = ResultsFiles.visible(folder, conf);
      assertTrue(files.size() > 1, "a file per trial in " + folder);
      for (FileStatus f : files) {
        assertEquals(Set.of(CompressionCodecName.UNCOMPRESSED), codecs(f), f.getPath().getName());
        assertFalse(dictionaryEncoded(f), f.getPath().getName());
      }
    }
    ResultsStore store = new ResultsStore(dir.toString());
    try (SweepLock lock = store.lock("s", "test", conf)) {
      Compaction.compact(store, "s", lock.claim(), conf, 2);
    }
    for (org.apache.hadoop.fs.Path folder : List.of(trials, curves)) {
      List<FileStatus> files = ResultsFiles.visible(folder, conf);
      assertEquals(1, files.size(), "compacted: " + files);
      assertEquals(Set.of(CompressionCodecName.SNAPPY), codecs(files.get(0)));
      assertTrue(dictionaryEncoded(files.get(0)), "the compacted file has dictionaries");
    }
  }

  private Set<CompressionCodecName> codecs(FileStatus f) throws Exception {
    Set<CompressionCodecName> out = new HashSet<>();
    for (ColumnChunkMetaData c : columns(f)) {
      out.add(c.getCodec());
    }
    return out;
  }

  private boolean dictionaryEncoded(FileStatus f) throws Exception {
    for (ColumnChunkMetaData c : columns(f)) {
      if (c.getEncodings().contains(Encoding.PLAIN_DICTIONARY) || c.getEncodings().contains(Encoding.RLE_DICTIONARY)) {
        return true;
      }
    }
    return false;
  }

  private List<ColumnChunkMetaData> columns(FileStatus f) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
      return r.getFooter().getBlocks().stream().map(BlockMetaData::getColumns).flatMap(List::stream).toList();
    }
  }
}
