package dev.backproplab.jobs.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.bench.SyntheticResults;
import dev.backproplab.jobs.store.ResultsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bpl compact} changes no answer: the views, on DuckDB and on Spark SQL, are the same before and
 * after compacting a folder with retried, diverged and searched trials and a sweep written before the
 * validation columns existed.
 */
@Tag("spark")
class CompactedEnginesTest {
  private static final List<String> VIEWS =
      List.of("trial_attempts", "trials", "current_trials", "curves", "best_configuration");
  @TempDir Path dir;

  @Test
  void everyViewGivesTheSameAnswersOnBothEnginesBeforeAndAfterCompaction() throws Exception {
    String root = dir.resolve("results").toString();
    SyntheticResults.write(root, "synthetic", 36, 6, 11);
    SyntheticResults.write(root, "older", 12, 4, 12, false);
    Map<String, QueryResult> duckBefore = answers(new DuckDbEngine(ResultsFiles.list(root, List.of(), new Configuration())));
    Map<String, QueryResult> sparkBefore = answers(new SparkEngine(SharedSpark.session(), false, root, List.of()));
    Cli c = Cli.run("compact", "--results", root);
    assertEquals(0, c.exitCode(), c.err() + c.out());
    assertTrue(c.out().matches("(?s).*sweep synthetic: \\d{2} files, now 12\n.*"), c.out());
    assertTrue(c.out().matches("(?s).*sweep older: \\d{2} files, now 12\n.*"), c.out());
    assertEquals(24, parquetFiles(root), "one file per method and table");

    Map<String, QueryResult> duckAfter = answers(new DuckDbEngine(ResultsFiles.list(root, List.of(), new Configuration())));
    Map<String, QueryResult> sparkAfter = answers(new SparkEngine(SharedSpark.session(), false, root, List.of()));
    for (String view : duckBefore.keySet()) {
      EnginesAgreeTest.assertSame(view + " on DuckDB", duckBefore.get(view), duckAfter.get(view));
      EnginesAgreeTest.assertSame(view + " on Spark", sparkBefore.get(view), sparkAfter.get(view));
      EnginesAgreeTest.assertSame(view + " on both", duckAfter.get(view), sparkAfter.get(view));
    }
    assertEquals("sweep synthetic: 12 files, now 12", Cli.run("compact", "--results", root, "--sweep", "synthetic")
        .out().strip(), "compacting again changes nothing");
  }

  @Test
  void aMissingFolderOrSweepIsRefusedWithExitTwo() throws Exception {
    Cli none = Cli.run("compact", "--results", dir.resolve("nothing").toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no results in"), none.err());
    String root = dir.resolve("one").toString();
    SyntheticResults.write(root, "s", 6, 3, 1);
    Cli wrong = Cli.run("compact", "--results", root, "--sweep", "nope");
    assertEquals(2, wrong.exitCode());
    assertTrue(wrong.err().contains("--sweep 'nope' has no results in") && wrong.err().contains("[s]"), wrong.err());
  }

  /**
   * The rows of the views over the files (every other view is SQL over these) and of
   * best_configuration, columns in a fixed order (DuckDB puts the columns a folder lacks last).
   */
  private static Map<String, QueryResult> answers(QueryEngine engine) {
    Map<String, QueryResult> out = new LinkedHashMap<>();
    try (engine) {
      for (String view : VIEWS) {
        List<String> columns = engine.query("SELECT * FROM " + view + " LIMIT 0").columns().stream().sorted().toList();
        out.put(view, engine.query("SELECT " + String.join(", ", columns) + " FROM " + view));
      }
    }
    return out;
  }

  private static long parquetFiles(String root) throws Exception {
    try (Stream<Path> files = Files.walk(Path.of(root))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
