package dev.backproplab.jobs.report;

import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a report shows, read through the views of {@code views.sql} on any engine: per data set,
 * each method's best configuration along training ({@code best_curve_bands}), the cost frontiers,
 * the alignment angles of the feedback rules, the derivative-free methods' sigma and fitness, ddg's
 * staleness where present; and the tables (configurations, statuses, provenance). The figures' data
 * is kept small: at most {@value #MAX_POINTS} points per line.
 */
final class ReportData {
  static final int MAX_POINTS = 400;
  private static final String[] BAND_METRICS = {"test_accuracy", "test_loss", "train_loss", "val_accuracy", "val_loss"};

  final List<String> datasets = new ArrayList<>();
  final TreeSet<String> methods = new TreeSet<>();
  /** Per data set: the figures' data (becomes the page's JSON). */
  final List<Map<String, Object>> figures = new ArrayList<>();
  final QueryResult configurations;
  final QueryResult best;
  final QueryResult statuses;
  final QueryResult provenance;

  ReportData(QueryEngine engine) {
    configurations = engine.query("SELECT * FROM configurations ORDER BY dataset, method, mean_test_accuracy DESC");
    best = engine.query("SELECT * FROM best_configuration ORDER BY dataset, method");
    statuses = engine.query("SELECT * FROM trial_statuses ORDER BY dataset, method, status");
    provenance = engine.query("SELECT * FROM provenance ORDER BY sweep_id, dataset");
    for (Object d : best.values("dataset")) {
      if (!datasets.contains((String) d)) {
        datasets.add((String) d);
      }
    }
    best.values("method").forEach(m -> methods.add((String) m));
    QueryResult bands = engine.query("SELECT * FROM best_curve_bands ORDER BY dataset, method, point");
    QueryResult frontierSamples = engine.query(
        "SELECT * FROM frontier_samples WHERE samples_seen > 0 ORDER BY dataset, method, samples_seen");
    QueryResult frontierSeconds = engine.query(
        "SELECT * FROM frontier_seconds WHERE wall_seconds > 0 ORDER BY dataset, method, wall_seconds");
    QueryResult angles = engine.query("SELECT dataset, method, point, samples_seen, alignment_angles, feedback_angles"
        + " FROM best_curves WHERE alignment_angles IS NOT NULL OR feedback_angles IS NOT NULL"
        + " ORDER BY dataset, method, point");
    for (String d : datasets) {
      Map<String, Object> ds = new LinkedHashMap<>();
      ds.put("name", d);
      ds.put("curves", curves(bands, d));
      Map<String, Object> figs = new LinkedHashMap<>();
      figs.put("frontier_samples", figure("best test accuracy within the samples",
          steps(frontierSamples, d, "samples_seen")));
      figs.put("frontier_seconds", figure("best test accuracy within the seconds",
          steps(frontierSeconds, d, "wall_seconds")));
      figs.put("alignment", figure("angle (degrees)", angles(angles, d)));
      for (String m : List.of("sigma", "best_fitness", "fitness_spread", "staleness")) {
        figs.put(m, figure(m.replace('_', ' '), perMethod(bands, d, m)));
      }
      ds.put("figures", figs);
      figures.add(ds);
    }
  }

  /** Whether figure {@code name} of data set {@code i} has any line. */
  boolean has(int i, String name) {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> figs = (Map<String, Map<String, Object>>) figures.get(i).get("figures");
    return !((List<?>) figs.get(name).get("series")).isEmpty();
  }

  /** Whether any method of data set {@code i} has a value of band metric {@code metric}. */
  boolean hasBand(int i, String metric) {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<Object>>> curves = (Map<String, Map<String, List<Object>>>) figures.get(i).get("curves");
    return curves.values().stream().anyMatch(c -> c.get(metric).stream().anyMatch(v -> v != null));
  }

  static Map<String, Object> figure(String y, List<Map<String, Object>> series) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("y", y);
    f.put("series", series);
    return f;
  }

  /** Per method, the columns of best_curve_bands thinned to at most MAX_POINTS points. */
  private static Map<String, Object> curves(QueryResult bands, String dataset) {
    Map<String, List<List<Object>>> byMethod = rowsByMethod(bands, dataset);
    Map<String, Object> out = new TreeMap<>();
    byMethod.forEach((m, rows) -> {
      List<List<Object>> kept = thin(rows);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("repeats", rows.stream().mapToLong(r -> ((Number) r.get(bands.column("repeats"))).longValue()).max().orElse(0));
      c.put("samples", column(bands, kept, "samples_seen"));
      c.put("seconds", column(bands, kept, "wall_seconds"));
      for (String metric : BAND_METRICS) {
        c.put(metric, column(bands, kept, metric));
        c.put(metric + "_min", column(bands, kept, metric + "_min"));
        c.put(metric + "_max", column(bands, kept, metric + "_max"));
      }
      out.put(m, c);
    });
    return out;
  }

  /** One stepped line per method from a frontier view. */
  private static List<Map<String, Object>> steps(QueryResult frontier, String dataset, String x) {
    List<Map<String, Object>> out = new ArrayList<>();
    rowsByMethod(frontier, dataset).forEach((m, rows) -> {
      List<List<Object>> pts = new ArrayList<>();
      for (List<Object> r : thin(rows)) {
        pts.add(List.of(r.get(frontier.column(x)), r.get(frontier.column("best_accuracy"))));
      }
      out.add(series(m, m, pts, false, true));
    });
    return out;
  }

  /** One line per method from a column of best_curve_bands, where the method has values. */
  private static List<Map<String, Object>> perMethod(QueryResult bands, String dataset, String metric) {
    List<Map<String, Object>> out = new ArrayList<>();
    rowsByMethod(bands, dataset).forEach((m, rows) -> {
      List<List<Object>> pts = new ArrayList<>();
      for (List<Object> r : thin(rows)) {
        Object y = r.get(bands.column(metric));
        if (y != null) {
          pts.add(List.of(r.get(bands.column("samples_seen")), y));
        }
      }
      if (!pts.isEmpty()) {
        out.add(series(m, m, pts, false, false));
      }
    });
    return out;
  }

  /** Per method and layer, the mean over repeats of the angles at each point of training. */
  private static List<Map<String, Object>> angles(QueryResult angles, String dataset) {
    List<Map<String, Object>> out = new ArrayList<>();
    rowsByMethod(angles, dataset).forEach((m, rows) -> {
      for (String kind : List.of("alignment_angles", "feedback_angles")) {
        // point -> (samples, per-layer sums and counts)
        TreeMap<Long, double[][]> acc = new TreeMap<>();
        for (List<Object> r : rows) {
          List<?> a = (List<?>) r.get(angles.column(kind));
          if (a == null) {
            continue;
          }
          long point = ((Number) r.get(angles.column("point"))).longValue();
          double[][] s = acc.computeIfAbsent(point, p -> new double[a.size() + 1][2]);
          s[0][0] += ((Number) r.get(angles.column("samples_seen"))).doubleValue();
          s[0][1]++;
          for (int l = 0; l < a.size() && l + 1 < s.length; l++) {
            if (a.get(l) != null) {
              s[l + 1][0] += ((Number) a.get(l)).doubleValue();
              s[l + 1][1]++;
            }
          }
        }
        int layers = acc.values().stream().mapToInt(s -> s.length - 1).max().orElse(0);
        for (int l = 0; l < layers; l++) {
          List<List<Object>> pts = new ArrayList<>();
          for (double[][] s : acc.values()) {
            if (l + 1 < s.length && s[l + 1][1] > 0) {
              pts.add(List.of(s[0][0] / s[0][1], s[l + 1][0] / s[l + 1][1]));
            }
          }
          String label = m + (kind.equals("alignment_angles") ? " error vs bp, layer " : " W vs B, layer ") + (l + 1);
          out.add(series(m, label, thin(pts), kind.equals("feedback_angles"), false));
        }
      }
    });
    return out;
  }

  static Map<String, Object> series(String method, String label, List<List<Object>> points,
      boolean dash, boolean stepped) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("method", method);
    s.put("label", label);
    s.put("points", points);
    s.put("dash", dash);
    s.put("stepped", stepped);
    return s;
  }

  private static Map<String, List<List<Object>>> rowsByMethod(QueryResult r, String dataset) {
    Map<String, List<List<Object>>> out = new TreeMap<>();
    int d = r.column("dataset");
    int m = r.column("method");
    for (List<Object> row : r.rows()) {
      if (dataset.equals(row.get(d))) {
        out.computeIfAbsent((String) row.get(m), k -> new ArrayList<>()).add(row);
      }
    }
    return out;
  }

  private static List<Object> column(QueryResult r, List<List<Object>> rows, String name) {
    int i = r.column(name);
    List<Object> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      out.add(row.get(i));
    }
    return out;
  }

  /** Every k-th element so that at most MAX_POINTS remain, the last always kept. */
  static <T> List<T> thin(List<T> rows) {
    if (rows.size() <= MAX_POINTS) {
      return rows;
    }
    int stride = (rows.size() + MAX_POINTS - 2) / (MAX_POINTS - 1);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < rows.size() - 1; i += stride) {
      out.add(rows.get(i));
    }
    out.add(rows.get(rows.size() - 1));
    return out;
  }
}
