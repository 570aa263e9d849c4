package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Progress of a running sweep on the driver: one line per finished trial (method, the parameters
 * that vary in the sweep, validation accuracy, time) with trials done/total, running, failed, the best accuracy
 * so far and an estimate of the time left, and the outcomes gathered for the summary. In a terminal
 * a status line under the finished trials is redrawn every second; elsewhere (a log file, cron)
 * only plain lines are written. Running tasks are counted by a {@link SparkListener} on the driver.
 * Thread-safe: results arrive on Spark's scheduler thread, task events on its listener bus.
 */
final class Progress {
  private final Map<String, TrialSpec> byId = new HashMap<>();
  private Map<String, Set<String>> varying;
  private int total;
  private final PrintWriter out;
  private final long start = System.nanoTime();
  private final List<TrialOutcome> outcomes = new ArrayList<>();
  private final boolean live;
  private final ScheduledExecutorService ticker;
  private int running;
  private int failed;
  private TrialOutcome best;

  /** Progress with a live status line when standard output is a terminal. */
  Progress(List<TrialSpec> trials, int pending, PrintWriter out) {
    this(trials, pending, out, System.console() != null && !"dumb".equals(System.getenv("TERM")));
  }

  Progress(List<TrialSpec> trials, int pending, PrintWriter out, boolean live) {
    this.total = pending;
    this.out = out;
    this.live = live;
    if (live) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bpl-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    } else {
      ticker = null;
    }
    for (TrialSpec t : trials) {
      byId.put(t.trialId(), t);
    }
    varying = varyingParams(trials);
  }

  /** Per method, the parameters whose value differs between its trials. */
  static Map<String, Set<String>> varyingParams(List<TrialSpec> trials) {
    Map<String, List<Map<String, String>>> byMethod = new HashMap<>();
    for (TrialSpec t : trials) {
      byMethod.computeIfAbsent(t.method(), k -> new ArrayList<>()).add(t.params());
    }
    return VaryingParams.of(byMethod);
  }

  /** The parameters of {@code t} that vary in the sweep, as {@code k=v k=v}. */
  String keyParams(TrialSpec t) {
    StringBuilder b = new StringBuilder();
    for (String k : varying.getOrDefault(t.method(), Set.of())) {
      b.append(b.length() > 0 ? " " : "").append(k).append('=').append(t.params().get(k));
    }
    return b.toString();
  }

  /**
   * A search's generation: {@code replayed} of its trials were committed by an earlier run (they leave
   * the count of trials to run), {@code toRun} run now.
   */
  synchronized void replayed(int replayed, List<TrialSpec> toRun) {
    total -= replayed;
    for (TrialSpec t : toRun) {
      byId.put(t.trialId(), t);
    }
    varying = varyingParams(List.copyOf(byId.values()));
  }

  private final SparkListener listener = new SparkListener() {
    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
      changeRunning(1);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      changeRunning(-1);
    }
  };

  /** Counts the sweep's running tasks; add it to the SparkContext while the sweep runs. */
  SparkListener listener() {
    return listener;
  }

  private synchronized void changeRunning(int by) {
    running = Math.max(0, running + by);
  }

  synchronized void finished(TrialOutcome o) {
    outcomes.add(o);
    if (o.status() == TrialStatus.FAILED || o.status() == TrialStatus.DIVERGED) {
      failed++;
    }
    if (!Double.isNaN(o.valAccuracy()) && (best == null || o.valAccuracy() > best.valAccuracy())) {
      best = o;
    }
    TrialSpec t = byId.get(o.trialId());
    int done = outcomes.size();
    double elapsed = (System.nanoTime() - start) / 1e9;
    double left = elapsed / done * (total - done);
    String status = o.status().name() + (o.error() == null ? "" : ": " + abbreviate(o.error(), 80));
    out.print(live ? "\r\033[K" : "");
    out.printf("[%" + width() + "d/%d] %-6s %-28s val acc %s  %7.1fs  %s   elapsed %s, left ~%s%s%n",
        done, total, t.method(), keyParams(t), accuracy(o.valAccuracy()), o.wallSeconds(), status,
        clock(elapsed), clock(left), live ? "" : "; " + counts());
    if (live) {
      out.print(statusLine());
    }
    out.flush();
  }

  /** running, failed and the best so far. */
  private String counts() {
    String b = best == null ? "-"
        : "val " + accuracy(best.valAccuracy()) + " (" + byId.get(best.trialId()).method()
            + (keyParams(byId.get(best.trialId())).isEmpty() ? "" : " " + keyParams(byId.get(best.trialId()))) + ")";
    return "running " + running + ", failed " + failed + ", best " + b;
  }

  /** The line a terminal shows under the finished trials. */
  synchronized String statusLine() {
    int done = outcomes.size();
    double elapsed = (System.nanoTime() - start) / 1e9;
    String left = done == 0 ? "?" : "~" + clock(elapsed / done * (total - done));
    return String.format("%d/%d done, %s, elapsed %s, left %s", done, total, counts(), clock(elapsed), left);
  }

  private synchronized void redraw() {
    out.print("\r\033[K" + statusLine());
    out.flush();
  }

  private int width() {
    return Integer.toString(total).length();
  }

  synchronized SweepSummary summary() {
    if (ticker != null) {
      ticker.shutdownNow();
      out.print("\r\033[K");
      out.flush();
    }
    Map<String, List<TrialOutcome>> groups = new LinkedHashMap<>();
    for (TrialOutcome o : outcomes) {
      TrialSpec t = byId.get(o.trialId());
      String key = t.method() + (keyParams(t).isEmpty() ? "" : " " + keyParams(t));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
    }
    return new SweepSummary(List.copyOf(outcomes), groups);
  }

  static String accuracy(double a) {
    return Double.isNaN(a) ? "   -  " : String.format("%.4f", a);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  private static String abbreviate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }
}
