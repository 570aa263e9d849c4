package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.query.DuckDbEngine;
import dev.backproplab.jobs.store.Compaction;
import dev.backproplab.jobs.store.ResultsFiles;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compacted sweep resumes without computing a trial again; an edited sweep file adds row files
 * beside the compacted ones, which the run compacts at its end; queries and {@code bpl status} count
 * the same trials throughout.
 */
@Tag("spark")
class CompactedResumeTest {
  private static final String SWEEP = """
      name: compacted
      seed: 9
      dataset: digits
      model: {type: mlp, hidden: [8], activation: relu}
      budget: {epochs: 1}
      repeats: 2
      methods:
        - method: bp
          params: {batch_size: 64}
          grid: {lr: [0.05, 0.1]}
      """;

  @TempDir Path dir;

  private SweepSummary run(String text, Path out, StringWriter log) throws Exception {
    return SharedSpark.runSweep(text, "compacted.yaml", out, log);
  }

  @Test
  void aCompactedSweepResumesWithoutRecomputingAndARunCompactsWhatItAdds() throws Exception {
    Path out = dir.resolve("results");
    assertEquals(4, run(SWEEP, out, new StringWriter()).outcomes().size());
    assertEquals(8, parquetFiles(out), "below the run-end threshold a trial keeps its files");
    Cli compact = Cli.run("compact", "--results", out.toString());
    assertEquals(0, compact.exitCode(), compact.err());
    assertTrue(compact.out().contains("sweep compacted: 8 files, now 2"), compact.out());

    StringWriter again = new StringWriter();
    assertEquals(0, run(SWEEP, out, again).outcomes().size(), again.toString());
    assertTrue(again.toString().contains("resuming: 4 of 4 trials already done"), again.toString());
    assertEquals(2, parquetFiles(out));

    var conf = SharedSpark.session().sparkContext().hadoopConfiguration();
    conf.setInt(Compaction.AT_RUN_END_KEY, 2);
    StringWriter edited = new StringWriter();
    try {
      String text = SWEEP.replace("grid: {lr: [0.05, 0.1]}", "grid: {lr: [0.05, 0.1, 0.2]}");
      assertEquals(2, run(text, out, edited).outcomes().size(), edited.toString());
    } finally {
      conf.unset(Compaction.AT_RUN_END_KEY);
    }
    assertTrue(edited.toString().contains("resuming: 4 of 6 trials already done"), edited.toString());
    assertTrue(edited.toString().contains("compacted the results of compacted: 6 files into 2"), edited.toString());
    assertEquals(2, parquetFiles(out));

    try (DuckDbEngine duck = new DuckDbEngine(ResultsFiles.list(out.toString(), List.of(), new Configuration()))) {
      assertEquals(List.of(List.of(6L, 6L)),
          duck.query("SELECT count(*), count(DISTINCT trial_id) FROM current_trials").rows());
      assertEquals(List.of(List.of(6L)), duck.query("SELECT count(DISTINCT trial_id) FROM curves").rows());
    }
    Cli status = Cli.run("status", "--results", out.toString());
    assertTrue(status.out().contains("sweep compacted: 6 of 6 trials committed"), status.out());
  }

  private static long parquetFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
