package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T02:30:05Z");
  private static final String COMMIT = "87a466f0123456789abcdef0123456789abcdef0";

  @Test
  void fillsDateTimeCommitAndCounter() {
    assertEquals("nightly-2026-11-30", RunIds.fill("nightly-{date}", "q", NOW, COMMIT, List.of()));
    assertEquals("2026-11-30_023005", RunIds.fill("{date}_{time}", "q", NOW, COMMIT, List.of()));
    assertEquals("87a466f01234", RunIds.fill("{commit}", "q", NOW, COMMIT, List.of()));
    assertEquals("n1", RunIds.fill("n{counter}", "q", NOW, COMMIT, List.of("q", "other.n1")));
    assertEquals("n3", RunIds.fill("n{counter}", "q", NOW, COMMIT, List.of("q.n1", "q.n2", "q.n4")));
  }

  @Test
  void refusesWhatItCannotFill() {
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> RunIds.fill("{data}", "q", NOW, COMMIT, List.of()));
    assertTrue(unknown.getMessage().contains("unknown placeholder {data}"), unknown.getMessage());
    InvalidInputException noCommit = assertThrows(InvalidInputException.class,
        () -> RunIds.fill("{commit}", "q", NOW, null, List.of()));
    assertTrue(noCommit.getMessage().contains("outside a git work tree"), noCommit.getMessage());
  }

  @Test
  void aRunKeepsTheTrialIdsAndSplitsBackIntoNameAndRun() throws Exception {
    Path file = Path.of("conf/sweeps/quickstart.yaml");
    SweepSpec sweep = SweepFileParser.parse(Files.readString(file), file.toString());
    SweepSpec run = sweep.withRun("2026-11-30");
    assertEquals("quickstart.2026-11-30", run.name());
    assertEquals("quickstart", SweepSpec.baseName(run.name()));
    assertEquals("2026-11-30", SweepSpec.runId(run.name()));
    assertEquals(null, SweepSpec.runId(sweep.name()));
    var before = dev.backproplab.core.sweep.SweepExpander.expand(sweep, dev.backproplab.jobs.Catalogue.METHODS, "q");
    var after = dev.backproplab.core.sweep.SweepExpander.expand(run, dev.backproplab.jobs.Catalogue.METHODS, "q");
    assertEquals(before.stream().map(t -> t.trialId() + t.seed()).toList(),
        after.stream().map(t -> t.trialId() + t.seed()).toList());
    assertThrows(InvalidInputException.class, () -> sweep.withRun("a.b"));
    assertThrows(InvalidInputException.class, () -> run.withRun("again"));
    InvalidInputException dotted = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        Files.readString(file).replace("name: quickstart", "name: quick.start"), "q.yaml"));
    assertTrue(dotted.getMessage().contains("--run-id"), dotted.getMessage());
  }

  @Test
  void readsTheCompareBlockAndNamesABadValue() {
    String text = "name: n\ndataset: digits\nmodel: {type: mlp, hidden: [4]}\nbudget: {epochs: 1}\n"
        + "methods: [{method: bp}]\n";
    assertEquals(dev.backproplab.core.sweep.Tolerances.DEFAULT, SweepFileParser.tolerances(text, "n.yaml"));
    var t = SweepFileParser.tolerances(text + "compare: {accuracy_drop: 0.02, seconds_ratio: 3}\n", "n.yaml");
    assertEquals(0.02, t.accuracyDrop());
    assertEquals(3.0, t.secondsRatio());
    InvalidInputException bad = assertThrows(InvalidInputException.class,
        () -> SweepFileParser.parse(text + "compare: {alpha: 1.5}\n", "n.yaml"));
    assertTrue(bad.getMessage().contains("n.yaml line 6, compare: alpha = 1.5: expected a number in (0, 1)"),
        bad.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> SweepFileParser.parse(text + "compare: {alfa: 0.1}\n", "n.yaml"));
    assertTrue(unknown.getMessage().contains("'alpha'"), unknown.getMessage());
  }
}
