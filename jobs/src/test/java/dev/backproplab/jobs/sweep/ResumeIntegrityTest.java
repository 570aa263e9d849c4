package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ResultsViews;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run, a full disk or a stray file leaves in a results folder, and what a query and a
 * resume do with it: queries leave out and list what they cannot read; a resume deletes leftovers,
 * quarantines files that do not hold what their names say and computes those trials again.
 */
@Tag("spark")
class ResumeIntegrityTest {
  private static final String SWEEP = """
      name: integrity
      seed: 5
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

  private SweepSummary run(Path out, StringWriter log) throws Exception {
    return run(SWEEP, out, log);
  }

  private SweepSummary run(String text, Path out, StringWriter log) throws Exception {
    return SharedSpark.runSweep(text, "integrity.yaml", out, log);
  }

  @Test
  void anEditedSweepFileIsANewRevisionThatSaysWhatChangedAndKeepsTheOldOne() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("edited");
    run(out, new StringWriter());
    String edited = SWEEP.replace("grid: {lr: [0.05, 0.1]}", "grid: {lr: [0.05, 0.2]}");
    StringWriter log = new StringWriter();
    SweepSummary second = run(edited, out, log);
    String text = log.toString();
    assertTrue(text.contains("the sweep file changed since revision 1 of sweep 'integrity': 2 trials added,"
        + " 2 removed; this is revision 2"), text);
    assertTrue(text.contains("  added: bp {") && text.contains("lr=0.2"), text);
    assertTrue(text.contains("  removed: bp {") && text.contains("lr=0.1"), text);
    assertEquals(2, second.outcomes().size(), text);
    String record = Files.readString(out.resolve("sweeps/integrity.yaml"));
    assertTrue(record.contains("revision: 2") && record.contains("earlier_revisions:"), record);
    assertTrue(record.contains("lr: '0.1'") || record.contains("lr: 0.1"), "the old revision is kept: " + record);

    ResultsViews.register(spark, out.toString());
    assertEquals(6, spark.sql("SELECT * FROM trials").count());
    List<org.apache.spark.sql.Row> current =
        spark.sql("SELECT DISTINCT params['lr'] FROM current_trials ORDER BY 1").collectAsList();
    assertEquals(4, spark.sql("SELECT * FROM current_trials").count());
    assertEquals(List.of("0.05", "0.2"), current.stream().map(r -> r.getString(0)).toList());

    StringWriter again = new StringWriter();
    run(edited, out, again);
    assertFalse(again.toString().contains("changed since"), again.toString());
    assertTrue(Files.readString(out.resolve("sweeps/integrity.yaml")).contains("revision: 2"));
  }

  @Test
  void damagedAndLeftoverFilesAreSkippedByQueriesAndQuarantinedAndRecomputedByAResume() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path out = dir.resolve("results");
    run(out, new StringWriter());
    Path rows = out.resolve("trials/sweep_id=integrity/method=bp");
    Path curves = out.resolve("curves/sweep_id=integrity/method=bp");
    List<Path> done;
    try (Stream<Path> s = Files.list(rows)) {
      done = s.filter(p -> p.getFileName().toString().endsWith("-COMPLETED.parquet")).sorted().toList();
    }
    assertEquals(4, done.size());
    String emptied = id(done.get(0));
    String badCurve = id(done.get(1));
    // a full disk: a row file cut to nothing, and what a killed writer leaves
    Files.write(done.get(0), new byte[0]);
    Files.deleteIfExists(crc(done.get(0)));
    Files.writeString(rows.resolve(".0f0f-dead.inprogress"), "PAR1 half");
    Files.writeString(curves.resolve(".0f0f-dead.inprogress"), "PAR1 half");
    // a damaged curve
    Path curve = curves.resolve(badCurve + "-1.parquet");
    Files.writeString(curve, "not parquet");
    Files.deleteIfExists(crc(curve));
    // a stray file with an unknown status, and a row under another trial's name
    Files.writeString(rows.resolve("abc123-1-WEIRD.parquet"), "junk");
    Files.copy(done.get(2), rows.resolve("0123abcd-1-COMPLETED.parquet"));
    Files.copy(curves.resolve(id(done.get(2)) + "-1.parquet"), curves.resolve("0123abcd-1.parquet"));

    List<String> skipped = ResultsViews.register(spark, out.toString()).skipped();
    assertEquals(3, skipped.size(), skipped.toString());
    assertTrue(skipped.stream().anyMatch(s -> s.contains(emptied) && s.contains("empty file")), skipped.toString());
    assertTrue(skipped.stream().anyMatch(s -> s.contains("WEIRD")), skipped.toString());
    // the 3 readable rows; the misnamed copy holds a row of a trial already there, counted once
    assertEquals(3, spark.sql("SELECT count(*) FROM trials").first().getLong(0));

    StringWriter log = new StringWriter();
    SweepSummary resumed = run(out, log);
    String text = log.toString();
    assertTrue(text.contains("warning: deleted") && text.contains(".inprogress"), text);
    assertTrue(text.contains("empty file"), text);
    assertTrue(text.contains("its curve " + badCurve + "-1.parquet is unreadable"), text);
    assertTrue(text.contains("not <trial>-<attempt>-<STATUS>.parquet"), text);
    assertTrue(text.contains("its row is trial " + id(done.get(2)) + ", not 0123abcd"), text);
    assertEquals(Stream.of(badCurve, emptied).sorted().toList(),
        resumed.outcomes().stream().map(TrialOutcome::trialId).sorted().toList(), text);

    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertEquals(List.of(), ResultsFiles.list(out.toString(), List.of(), conf).skipped(), "no unreadable file left");
    try (Stream<Path> all = Files.walk(out)) {
      List<Path> files = all.filter(Files::isRegularFile).toList();
      assertFalse(files.stream().anyMatch(p -> p.toString().endsWith(".inprogress")), "leftovers deleted");
      // what the README's DuckDB glob (results/trials/**/*.parquet) matches is every readable row
      assertEquals(4, files.stream().filter(p -> p.startsWith(out.resolve("trials"))
          && p.getFileName().toString().endsWith(".parquet")).count());
      assertTrue(files.stream().anyMatch(p -> p.startsWith(out.resolve("_quarantine"))
          && p.toString().contains("WEIRD") && p.toString().endsWith(".quarantined")), files.toString());
    }
    ResultsViews.register(spark, out.toString());
    assertEquals(4, spark.sql("SELECT count(*) FROM trials WHERE status = 'COMPLETED'").first().getLong(0));
  }

  private static String id(Path row) {
    return row.getFileName().toString().split("-")[0];
  }

  private static Path crc(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".crc");
  }
}
