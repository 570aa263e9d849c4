package dev.backproplab.jobs.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.bench.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bpl query} on DuckDB: answers, ready-made reports, --sweep, and the read-only promise. */
class ReadOnlyQueryTest {
  @TempDir static Path dir;
  static String root;

  @BeforeAll
  static void setUp() throws Exception {
    root = dir.resolve("results").toString();
    SyntheticResults.write(root, "one", 12, 5, 3);
    SyntheticResults.write(root, "two", 6, 5, 4);
  }

  @Test
  void answersQueriesAndReadyMadeReportsWithoutSpark() {
    Cli c = Cli.run("query", "--results", root, "--format", "csv",
        "SELECT count(*) AS n FROM trials WHERE sweep_id = 'one'");
    assertEquals(0, c.exitCode(), c.err());
    assertEquals("n\n12", c.out().strip());
    Cli unjudged = Cli.run("query", "--results", root, "--format", "csv", "SELECT count(*) AS n FROM trials WHERE"
        + " sweep_id = 'one' AND judge_class['speaker'] IS NULL AND source_label IS NULL");
    assertEquals("n\n12", unjudged.out().strip(), "trials without judges have none: " + unjudged.err());
    Cli best = Cli.run("query", "--results", root, "--report", "best_configuration", "--sweep", "two");
    assertEquals(0, best.exitCode(), best.err());
    assertTrue(best.out().contains("(6 rows)"), best.out());
    Cli list = Cli.run("query", "--results", root, "--list-reports");
    assertTrue(list.out().contains("time_to_target"), list.out());
    Cli json = Cli.run("query", "--results", root, "--format", "json",
        "SELECT params, started_at FROM trials ORDER BY trial_id LIMIT 1");
    assertTrue(json.out().startsWith("{\"params\":{\"batch_size\":\"32\",\"beta1\":"), json.out());
    assertTrue(json.out().contains("\"started_at\":\"2026-01-01T00:00:00Z\""), json.out());
  }

  @Test
  void refusesEverythingButReadingTheResultsFolder() throws Exception {
    Path outside = dir.resolve("outside.csv");
    Files.writeString(outside, "a\n1\n");
    String[] refused = {
      "DROP VIEW trials",
      "COPY (SELECT 1) TO '" + root + "/x.csv'",
      "SELECT 1; COPY (SELECT 1) TO '" + root + "/x.csv'",
      "SELECT * FROM read_csv('" + outside + "')",
      "SELECT * FROM read_text('/etc/passwd')",
      "ATTACH '" + dir.resolve("db.duckdb") + "'",
      "SET enable_external_access = true",
      "EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'",
      "SELECT '; ' AS a; SET lock_configuration = false",
    };
    for (String sql : refused) {
      Cli c = Cli.run("query", "--results", root, sql);
      assertEquals(2, c.exitCode(), sql + ": " + c.out() + c.err());
    }
    assertFalse(Files.exists(Path.of(root, "x.csv")));
    Cli ok = Cli.run("query", "--results", root, "SELECT ';' AS semicolon -- a comment; not a statement");
    assertEquals(0, ok.exitCode(), ok.err());
  }

  @Test
  void badInputIsExitTwoWithAMessage() {
    Cli none = Cli.run("query", "--results", dir.resolve("nothing").toString(), "SELECT 1");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no results in"), none.err());
    Cli sweep = Cli.run("query", "--results", root, "--sweep", "three", "SELECT 1");
    assertEquals(2, sweep.exitCode());
    assertTrue(sweep.err().contains("--sweep 'three' has no results") && sweep.err().contains("[one, two]"), sweep.err());
    Cli report = Cli.run("query", "--results", root, "--report", "best");
    assertEquals(2, report.exitCode());
    assertTrue(report.err().contains("best_configuration"), report.err());
    Cli engine = Cli.run("query", "--results", "hdfs://nowhere/results", "--engine", "duckdb", "SELECT 1");
    assertEquals(2, engine.exitCode());
    assertTrue(engine.err().contains("--engine duckdb reads local folders only"), engine.err());
  }
}
