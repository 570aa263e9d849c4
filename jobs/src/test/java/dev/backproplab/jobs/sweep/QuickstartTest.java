package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.store.ResultsStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, conf/sweeps/quickstart.yaml, as a user runs it: every trial completes,
 * the best reaches 0.95 test accuracy, and a second run of the same file gives the same numbers.
 */
@Tag("spark")
class QuickstartTest {
  @TempDir Path dir;

  private List<TrialOutcome> run(Path out) throws Exception {
    Path file = Path.of("conf/sweeps/quickstart.yaml");
    String text = Files.readString(file);
    SweepJob job = new SweepJob(SweepFileParser.parse(text, file.toString()), file.toString(), text,
        new ResultsStore(out.toString()), new PrintWriter(new StringWriter()));
    return job.run(SharedSpark.session(), job.validate()).outcomes().stream()
        .sorted(Comparator.comparing(TrialOutcome::trialId)).toList();
  }

  @Test
  void quickstartReachesItsTargetAndIsDeterministic() throws Exception {
    List<TrialOutcome> a = run(dir.resolve("a"));
    assertTrue(a.size() >= 8, "trials: " + a.size());
    assertTrue(a.stream().allMatch(o -> o.status() == TrialStatus.COMPLETED), a.toString());
    double best = a.stream().mapToDouble(TrialOutcome::testAccuracy).max().orElseThrow();
    assertTrue(best >= 0.95, "best test accuracy " + best);

    List<TrialOutcome> b = run(dir.resolve("b"));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).trialId(), b.get(i).trialId());
      assertEquals(a.get(i).testAccuracy(), b.get(i).testAccuracy(), 0.0, a.get(i).trialId());
      assertEquals(a.get(i).samplesSeen(), b.get(i).samplesSeen());
    }
  }
}
