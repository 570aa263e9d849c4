package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Progress of a running sweep on the driver: one line per finished trial (method, the parameters
 * that vary in the sweep, validation accuracy, time) with trials done/total and an estimate of the time left,
 * and the outcomes gathered for the summary. Thread-safe: results arrive on Spark's scheduler thread.
 */
final class Progress {
  private final Map<String, TrialSpec> byId = new HashMap<>();
  private final Map<String, Set<String>> varying;
  private final int total;
  private final PrintWriter out;
  private final long start = System.nanoTime();
  private final List<TrialOutcome> outcomes = new ArrayList<>();

  Progress(List<TrialSpec> trials, int pending, PrintWriter out) {
    this.total = pending;
    this.out = out;
    for (TrialSpec t : trials) {
      byId.put(t.trialId(), t);
    }
    varying = varyingParams(trials);
  }

  /** Per method, the parameters whose value differs between its trials. */
  static Map<String, Set<String>> varyingParams(List<TrialSpec> trials) {
    Map<String, Map<String, Set<String>>> values = new HashMap<>();
    for (TrialSpec t : trials) {
      Map<String, Set<String>> m = values.computeIfAbsent(t.method(), k -> new TreeMap<>());
      t.params().forEach((k, v) -> m.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    Map<String, Set<String>> out = new HashMap<>();
    values.forEach((method, m) -> {
      Set<String> keys = new TreeSet<>();
      m.forEach((k, v) -> {
        if (v.size() > 1) {
          keys.add(k);
        }
      });
      out.put(method, keys);
    });
    return out;
  }

  /** The parameters of {@code t} that vary in the sweep, as {@code k=v k=v}. */
  String keyParams(TrialSpec t) {
    StringBuilder b = new StringBuilder();
    for (String k : varying.getOrDefault(t.method(), Set.of())) {
      b.append(b.length() > 0 ? " " : "").append(k).append('=').append(t.params().get(k));
    }
    return b.toString();
  }

  synchronized void finished(TrialOutcome o) {
    outcomes.add(o);
    TrialSpec t = byId.get(o.trialId());
    int done = outcomes.size();
    double elapsed = (System.nanoTime() - start) / 1e9;
    double left = elapsed / done * (total - done);
    String status = o.status().name() + (o.error() == null ? "" : ": " + abbreviate(o.error(), 80));
    out.printf("[%" + width() + "d/%d] %-6s %-28s val acc %s  %7.1fs  %s   elapsed %s, left ~%s%n",
        done, total, t.method(), keyParams(t), accuracy(o.valAccuracy()), o.wallSeconds(), status,
        clock(elapsed), clock(left));
    out.flush();
  }

  private int width() {
    return Integer.toString(total).length();
  }

  synchronized SweepSummary summary() {
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
