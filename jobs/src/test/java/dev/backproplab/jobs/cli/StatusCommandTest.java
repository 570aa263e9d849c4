package dev.backproplab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.method.Method;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.store.Heartbeats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bpl status}: running trials from their heartbeats. */
class StatusCommandTest {
  @TempDir Path dir;

  @Test
  void showsRunningTrialsFromTheirHeartbeatsUntilTheyCommit() throws Exception {
    String root = dir.toString();
    Configuration conf = new Configuration();
    Method.Resolved bp = Catalogue.METHODS.get("bp").resolve(Map.of(), "test");
    Heartbeats.write(root, new TrialSpec("s", "abc123", "digits", new ModelSpec("mlp", List.of(8), "tanh"),
        bp.params(), bp.config(), new Budget(1, null, null), 7), 2, "1@host",
        new CurvePoint(40, 3.0, 4314, 40, 1.5, 0.25, 0.31, 0.9, 0.3, 0.91, null, null, null, null, null, null, null, null), conf);
    Cli c = Cli.run("status", "--results", root);
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.out().contains("abc123") && c.out().contains("3.00") && c.out().contains("0.9100")
        && c.out().contains("1@host"), c.out());
    Heartbeats.clear(root, "s", "abc123", conf);
    assertTrue(Cli.run("status", "--results", root).out().contains("no running trials"));
    try (var files = Files.list(dir.resolve("_running/s"))) {
      assertEquals(0, files.count(), "nothing left behind");
    }
    Cli missing = Cli.run("status", "--results", dir.resolve("nope").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no results folder"), missing.err());
  }
}
