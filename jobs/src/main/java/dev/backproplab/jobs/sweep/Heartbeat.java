package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.store.Heartbeats;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * The heartbeat of one running trial ({@link Heartbeats}): written at its first measured point and
 * then at most once a second, deleted when the trial commits. A heartbeat that cannot be written
 * does not fail the trial: the trial goes on without one.
 */
final class Heartbeat implements Consumer<CurvePoint> {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final String root;
  private final TrialSpec spec;
  private final int attempt;
  private final String executor;
  private final Configuration conf;
  private long last = System.nanoTime() - INTERVAL_NANOS;
  private boolean working = true;

  Heartbeat(String root, TrialSpec spec, int attempt, String executor, Configuration conf) {
    this.root = root;
    this.spec = spec;
    this.attempt = attempt;
    this.executor = executor;
    this.conf = conf;
  }

  @Override
  public void accept(CurvePoint p) {
    long now = System.nanoTime();
    if (working && now - last >= INTERVAL_NANOS) {
      last = now;
      try {
        Heartbeats.write(root, spec, attempt, executor, p, conf);
      } catch (IOException | RuntimeException e) {
        working = false;
      }
    }
  }

  /** Deletes the heartbeat: the trial has committed. */
  void clear() throws IOException {
    Heartbeats.clear(root, spec.sweepId(), spec.trialId(), conf);
  }
}
