package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.bench.SyntheticResults;
import dev.backproplab.jobs.query.DuckDbEngine;
import dev.backproplab.jobs.query.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction stopped after any of its steps (as a crash would stop it) leaves a folder whose queries,
 * committed trials and validation scores are those of the folder before; the next resume's recovery
 * ends the compaction, and compacting then gives one file per method folder and table.
 */
class CompactionTest {
  private static final String SWEEP = "s";
  private static final List<String> QUERIES = List.of(
      "SELECT sweep_id, method, trial_id, attempt, status, final_test_accuracy, final_val_accuracy, latest"
          + " FROM trial_attempts",
      "SELECT method, trial_id, attempt, count(*) AS points, sum(test_accuracy) AS acc, max(samples_seen) AS s"
          + " FROM curves GROUP BY method, trial_id, attempt",
      "SELECT * FROM best_configuration");

  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @Test
  void aCompactionStoppedAfterAnyStepLeavesACorrectFolderThatRecoveryFinishes() throws Exception {
    Path original = dir.resolve("original");
    SyntheticResults.write(original.toString(), SWEEP, 30, 6, 32); // bp: a retried and a diverged trial
    Map<String, List<String>> expected = answers(original);
    Map<String, ResultsStore.Committed> committed = new ResultsStore(original.toString()).committed(SWEEP, conf);
    assertTrue(committed.values().stream().anyMatch(c -> c.attempt() == 2), "the folder has a retried trial");
    ResultsStore.Scores scores = scoresOfFirst(new ResultsStore(original.toString()), committed);
    int steps = runSteps(copy(original, dir.resolve("count")), -1);
    assertTrue(steps >= 6, "curves, trials and the deletions: " + steps);
    // the steps: curves' file, trials' file (the commit point), the row files deleted, the curves deleted;
    // stops before and after each kind of step, the deletions' first and last
    for (int stop : new TreeSet<>(List.of(0, 1, 2, 3, steps / 2 + 1, steps - 1, steps))) {
      Path folder = copy(original, dir.resolve("stop" + stop));
      ResultsStore store = new ResultsStore(folder.toString());
      runSteps(folder, stop);
      String at = "stopped after " + stop + " of " + steps + " steps";
      assertEquals(expected, answers(folder), at);
      assertEquals(committed, store.committed(SWEEP, conf), at);
      assertEquals(scores, scoresOfFirst(store, committed), at);
      try (SweepLock lock = store.lock(SWEEP, "test", conf)) {
        List<String> notes = store.recover(SWEEP, conf);
        assertFalse(notes.stream().anyMatch(n -> n.contains("quarantine")), at + ": " + notes);
        assertEquals(committed, store.committed(SWEEP, conf), at + ", recovered");
        assertEquals(visibleFiles(folder), allParquet(folder), at + ": recovery leaves no covered file");
        Compaction.compact(store, SWEEP, lock.claim(), conf, 2);
      }
      assertEquals(expected, answers(folder), at + ", compacted");
      assertEquals(committed, store.committed(SWEEP, conf), at + ", compacted");
      assertEquals(scores, scoresOfFirst(store, committed), at + ", compacted");
      assertEquals(12, allParquet(folder), at + ": one file per method and table");
    }
  }

  /** Runs the first {@code stop} steps of compacting bp's folders (all when negative); returns how many there are. */
  private int runSteps(Path folder, int stop) throws IOException {
    Path trials = folder.resolve("trials/sweep_id=" + SWEEP + "/method=bp");
    Path curves = folder.resolve("curves/sweep_id=" + SWEEP + "/method=bp");
    try (SweepLock lock = new ResultsStore(folder.toString()).lock(SWEEP, "test", conf)) {
      List<Compaction.Step> steps = Compaction.plan(new org.apache.hadoop.fs.Path(trials.toUri()),
          new org.apache.hadoop.fs.Path(curves.toUri()), lock.claim(), conf);
      for (Compaction.Step s : steps.subList(0, stop < 0 ? 0 : stop)) {
        s.run();
      }
      return steps.size();
    }
  }

  private ResultsStore.Scores scoresOfFirst(ResultsStore store, Map<String, ResultsStore.Committed> committed)
      throws IOException {
    String bpTrial = "5eed000000000000";
    return store.scores(SWEEP, "bp", committed.get(bpTrial), conf);
  }

  private Map<String, List<String>> answers(Path folder) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (DuckDbEngine duck = new DuckDbEngine(ResultsFiles.list(folder.toString(), List.of(), conf))) {
      for (String q : QUERIES) {
        QueryResult r = duck.query(q);
        List<String> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) { // sums in another order differ in the last bits
          rows.add(row.stream().map(v -> v instanceof Double d ? String.format("%.9e", d) : String.valueOf(v)).toList()
              .toString());
        }
        rows.sort(null);
        out.put(q, rows);
      }
    }
    return out;
  }

  private long visibleFiles(Path folder) throws IOException {
    long n = 0;
    for (String table : List.of("trials", "curves")) {
      n += ResultsFiles.visible(new org.apache.hadoop.fs.Path(folder.resolve(table).toUri()), conf).size();
    }
    return n;
  }

  private static long allParquet(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_quarantine"))
          .count();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f));
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().endsWith(".lock")) {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }
}
