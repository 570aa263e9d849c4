package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.store.Heartbeats;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The heartbeat of one running trial ({@link Heartbeats}): written at its first measured point after
 * it has run {@value #FIRST_SECONDS} seconds and then at most once a second, deleted when the trial
 * commits. A shorter trial writes none: it is committed before {@code bpl status} could show it
 * running, and a file created, renamed and deleted per trial is a measurable share of a short
 * trial's overhead (docs/adr/0030). A heartbeat that cannot be written does not fail the trial: the
 * trial goes on without one.
 */
final class Heartbeat implements Consumer<CurvePoint> {
  private static final long INTERVAL_NANOS = 1_000_000_000L;
  /** Seconds a trial runs before its first heartbeat. */
  static final int FIRST_SECONDS = 5;

  private final String root;
  private final TrialSpec spec;
  private final int attempt;
  private final String executor;
  private final Configuration conf;
  private final LongSupplier nanoTime;
  private long last;
  private boolean working = true;
  private boolean written;

  Heartbeat(String root, TrialSpec spec, int attempt, String executor, Configuration conf) {
    this(root, spec, attempt, executor, conf, System::nanoTime);
  }

  /** A heartbeat on the given monotonic clock, in nanoseconds; the trial starts now. */
  Heartbeat(String root, TrialSpec spec, int attempt, String executor, Configuration conf, LongSupplier nanoTime) {
    this.root = root;
    this.spec = spec;
    this.attempt = attempt;
    this.executor = executor;
    this.conf = conf;
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong() + (FIRST_SECONDS - 1) * INTERVAL_NANOS;
  }

  @Override
  public void accept(CurvePoint p) {
    long now = nanoTime.getAsLong();
    if (working && now - last >= INTERVAL_NANOS) {
      last = now;
      try {
        Heartbeats.write(root, spec, attempt, executor, p, conf);
        written = true;
      } catch (IOException | RuntimeException e) {
        working = false;
      }
    }
  }

  /**
   * Deletes the heartbeat: the trial has committed. Nothing to delete when this attempt wrote none and
   * is its trial's first (a later attempt deletes what an attempt before it left).
   */
  void clear() throws IOException {
    if (written || attempt > 1) {
      Heartbeats.clear(root, spec.sweepId(), spec.trialId(), conf);
    }
  }
}
