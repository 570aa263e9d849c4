package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.method.Method;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.store.Heartbeats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's heartbeat: none before it has run five seconds, then at most one a second, gone at its commit. */
class HeartbeatTest {
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;
  private final Configuration conf = new Configuration();
  private final AtomicLong now = new AtomicLong(42 * SECOND);

  @Test
  void aShortTrialWritesNoneALongOneBeatsOnceASecondUntilItCommits() throws Exception {
    Heartbeat beat = new Heartbeat(dir.toString(), trial(), 1, "driver", conf, now::get);
    Path file = dir.resolve("_running/s/abc123.properties");
    beat.accept(point(1));
    now.addAndGet(Heartbeat.FIRST_SECONDS * SECOND - 1);
    beat.accept(point(2));
    assertFalse(Files.exists(file), "no heartbeat before the trial has run " + Heartbeat.FIRST_SECONDS + " s");
    beat.clear(); // a first attempt that wrote none has nothing to delete
    now.addAndGet(1);
    beat.accept(point(3));
    assertEquals(3, epochOfBeat(), "written once the trial has run " + Heartbeat.FIRST_SECONDS + " s");
    now.addAndGet(SECOND / 2);
    beat.accept(point(4));
    assertEquals(3, epochOfBeat(), "at most once a second");
    now.addAndGet(SECOND / 2);
    beat.accept(point(5));
    assertEquals(5, epochOfBeat());
    beat.clear();
    assertFalse(Files.exists(file), "deleted at the commit");
  }

  @Test
  void aLaterAttemptDeletesWhatAnEarlierOneLeft() throws Exception {
    Heartbeats.write(dir.toString(), trial(), 1, "driver", point(1), conf); // left by a killed first attempt
    assertTrue(Files.exists(dir.resolve("_running/s/abc123.properties")));
    new Heartbeat(dir.toString(), trial(), 2, "driver", conf, now::get).clear();
    assertFalse(Files.exists(dir.resolve("_running/s/abc123.properties")));
  }

  private double epochOfBeat() throws Exception {
    List<Heartbeats.Beat> beats = Heartbeats.read(dir.toString(), List.of(), conf);
    assertEquals(1, beats.size());
    return beats.get(0).epoch();
  }

  private static TrialSpec trial() {
    Method.Resolved bp = Catalogue.METHODS.get("bp").resolve(Map.of(), "test");
    return new TrialSpec("s", "abc123", "digits", new ModelSpec("mlp", List.of(8), "tanh"), bp.params(), bp.config(),
        new Budget(1, null, null), 7);
  }

  private static CurvePoint point(double epoch) {
    return new CurvePoint(40, epoch, 4314, 40, 1.5, 0.25, 0.31, 0.9, 0.3, 0.91, null, null, null, null, null, null, null,
        null);
  }
}
