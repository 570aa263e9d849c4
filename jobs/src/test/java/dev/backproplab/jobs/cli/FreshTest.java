package dev.backproplab.jobs.cli;

import dev.backproplab.jobs.Catalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshTest {
  @Test
  void freshRunsTheSameTrialsUnderANewSweepId() throws Exception {
    Path file = Path.of("conf/sweeps/quickstart.yaml");
    SweepSpec sweep = SweepFileParser.parse(Files.readString(file), file.toString());
    String id = SweepCommand.freshId(sweep.name(), Instant.parse("2026-11-27T10:15:00Z"));
    assertEquals("quickstart-20261127-101500", id);
    SweepSpec fresh = sweep.withName(id);
    var before = SweepExpander.expand(sweep, Catalogue.METHODS, "q");
    var after = SweepExpander.expand(fresh, Catalogue.METHODS, "q");
    assertEquals(before.size(), after.size());
    assertEquals(id, after.get(0).sweepId());
    // the trial ids stay those of the configurations; the sweep id separates the results
    assertEquals(before.get(0).trialId(), after.get(0).trialId());
    assertNotEquals(before.get(0).sweepId(), after.get(0).sweepId());
  }
}
