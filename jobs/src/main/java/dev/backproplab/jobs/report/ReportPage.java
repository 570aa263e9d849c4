package dev.backproplab.jobs.report;

import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.query.Json;
import dev.backproplab.jobs.query.QueryResult;
import dev.backproplab.jobs.sweep.VaryingParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML of a report: one self-contained page (Chart.js and the data inlined; no network, no CDN;
 * see docs/adr/0011-charting-library.md). The tables are written here; the figures are drawn in the
 * browser by {@code report.js} from the page's JSON.
 */
final class ReportPage {
  private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/" + BuildInfo.chartJsVersion()
      + "/dist/chart.umd.js";
  private static final Pattern PARAM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int CONFIGURATIONS_PER_METHOD = 10;

  private ReportPage() {}

  /**
   * The page.
   *
   * @param title the page's title
   * @param subtitle what it was made from (folder, sweeps, engine, time)
   * @param history the runs of each sweep over time
   * @param runs the runs recorded in {@code sweeps/<id>.yaml} (master, mode, application)
   */
  static String html(String title, String subtitle, ReportData data, RunHistory history,
      List<Map<String, Object>> runs) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">").append(esc(subtitle)).append("</p>\n");
    for (int i = 0; i < data.datasets.size(); i++) {
      dataset(b, data, i);
    }
    for (int i = 0; i < history.figures.size(); i++) {
      b.append("<h2>Runs of sweep ").append(esc((String) history.figures.get(i).get("name")))
          .append(" over time</h2>\n<div class=\"grid\">\n");
      runCanvas(b, i, "accuracy", "each method's best configuration in each run (mean over repeats); runs oldest"
          + " first, each marked with its commit");
      runCanvas(b, i, "seconds", "each method's mean seconds per epoch in each run");
      b.append("</div>\n");
      table(b, history.tables.get(i), List.of());
    }
    b.append("<h2>Provenance</h2>\n");
    table(b, data.provenance, List.of());
    if (!runs.isEmpty()) {
      b.append("<h3>Runs</h3>\n<table><tr>");
      List<String> keys = List.of("sweep_id", "mode", "master", "application_id", "started_at", "code_version", "file");
      keys.forEach(k -> b.append("<th>").append(k).append("</th>"));
      b.append("</tr>\n");
      for (Map<String, Object> r : runs) {
        b.append("<tr>");
        keys.forEach(k -> b.append("<td>").append(esc(String.valueOf(r.getOrDefault(k, "")))).append("</td>"));
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("methods", new ArrayList<>(data.methods));
    json.put("datasets", data.figures);
    json.put("runs", history.figures);
    return resource("report.html")
        .replace("@TITLE@", esc(title))
        .replace("@BODY@", b.toString())
        .replace("@CHARTJS_VERSION@", BuildInfo.chartJsVersion())
        .replace("@DATA@", Json.of(json))
        .replace("@CHARTJS@", resource(CHART_JS))
        .replace("@REPORT_JS@", resource("report.js"));
  }

  private static void dataset(StringBuilder b, ReportData data, int i) {
    String name = data.datasets.get(i);
    b.append("<h2>Data set ").append(esc(name)).append("</h2>\n");
    b.append("<h3>Accuracy and loss: each method at its best configuration, the band from least to greatest"
        + " over its repeats (diverged repeats left out: their losses are not numbers)</h3>\n<div class=\"grid\">\n");
    for (String metric : List.of("test_accuracy", "val_accuracy", "test_loss", "val_loss", "train_loss")) {
      if (!data.hasBand(i, metric)) {
        continue;
      }
      for (String axis : metric.equals("train_loss") ? List.of("samples") : List.of("samples", "seconds")) {
        canvas(b, i, "band", axis, false, "data-metric=\"" + metric + "\"",
            metric.replace('_', ' ') + " against " + (axis.equals("samples") ? "samples seen" : "wall seconds"));
      }
    }
    b.append("</div>\n<h3>Cost frontier: the best test accuracy each method reached within a budget"
        + " (any configuration)</h3>\n<div class=\"grid\">\n");
    canvas(b, i, "frontier_samples", "samples", true, "", "within a samples_seen budget (log scale)");
    canvas(b, i, "frontier_seconds", "seconds", true, "", "within a wall-seconds budget (log scale)");
    b.append("</div>\n");
    if (data.has(i, "alignment")) {
      b.append("<h3>Alignment: feedback rules at their best configuration</h3>\n<div class=\"grid\">\n");
      canvas(b, i, "alignment", "samples", false, "", "angle between the rule's error signal and backprop's per"
          + " hidden layer (solid), between forward weights and feedback (dashed); mean over repeats");
      b.append("</div>\n");
    }
    List<String> dfo = new ArrayList<>();
    for (String f : List.of("sigma", "best_fitness", "fitness_spread")) {
      if (data.has(i, f)) {
        dfo.add(f);
      }
    }
    if (!dfo.isEmpty()) {
      b.append("<h3>Derivative-free methods at their best configuration (mean over repeats)</h3>\n<div class=\"grid\">\n");
      dfo.forEach(f -> canvas(b, i, f, "samples", false, "", f.replace('_', ' ') + " against samples seen"));
      b.append("</div>\n");
    }
    if (data.has(i, "staleness")) {
      b.append("<h3>Staleness</h3>\n<div class=\"grid\">\n");
      canvas(b, i, "staleness", "samples", false, "", "gradient staleness against samples seen");
      b.append("</div>\n");
    }
    b.append("<h3>Configurations (best of each method highlighted; at most ").append(CONFIGURATIONS_PER_METHOD)
        .append(" per method)</h3>\n");
    summary(b, data, name);
    b.append("<h3>Trial statuses</h3>\n");
    table(b, data.statuses, List.of(name));
  }

  private static void runCanvas(StringBuilder b, int sweep, String figure, String caption) {
    b.append("<figure><div class=\"plot\"><canvas data-runs=\"").append(sweep).append("\" data-figure=\"")
        .append(figure).append("\" data-axis=\"runs\"></canvas></div><figcaption>").append(esc(caption))
        .append("</figcaption></figure>\n");
  }

  private static void canvas(StringBuilder b, int dataset, String figure, String axis, boolean log, String extra,
      String caption) {
    b.append("<figure><div class=\"plot\"><canvas data-dataset=\"").append(dataset).append("\" data-figure=\"")
        .append(figure).append("\" data-axis=\"").append(axis).append("\" data-log=\"").append(log ? 1 : 0)
        .append("\" ").append(extra).append("></canvas></div><figcaption>").append(esc(caption))
        .append("</figcaption></figure>\n");
  }

  private static void summary(StringBuilder b, ReportData data, String dataset) {
    QueryResult c = data.configurations;
    Set<String> best = new TreeSet<>();
    for (List<Object> r : data.best.rows()) {
      if (dataset.equals(r.get(data.best.column("dataset")))) {
        best.add(r.get(data.best.column("method")) + " " + r.get(data.best.column("configuration")));
      }
    }
    boolean validation = c.values("mean_val_accuracy").stream().anyMatch(v -> v != null);
    b.append("<table><tr><th>method</th><th>configuration</th><th>model</th><th>budget</th><th>repeats</th>"
        + "<th>completed</th><th>test accuracy (mean ± sd)</th>")
        .append(validation ? "<th>validation accuracy (mean ± sd)</th>" : "")
        .append("<th>best test accuracy</th><th>samples seen</th><th>seconds</th></tr>\n");
    Map<String, Set<String>> varying = varying(c, dataset);
    Map<String, Integer> shown = new TreeMap<>();
    for (List<Object> r : c.rows()) {
      String method = (String) r.get(c.column("method"));
      if (!dataset.equals(r.get(c.column("dataset")))
          || shown.merge(method, 1, Integer::sum) > CONFIGURATIONS_PER_METHOD) {
        continue;
      }
      String config = (String) r.get(c.column("configuration"));
      b.append(best.contains(method + " " + config) ? "<tr class=\"best\">" : "<tr>")
          .append("<td>").append(esc(method)).append("</td><td><code>")
          .append(esc(shortConfig(config, varying.get(method)))).append("</code></td><td>")
          .append(esc(String.valueOf(r.get(c.column("model"))))).append("</td><td>")
          .append(esc(String.valueOf(r.get(c.column("budget"))))).append("</td>")
          .append(num(r.get(c.column("repeats")), "%.0f")).append(num(r.get(c.column("completed")), "%.0f"))
          .append(meanSd(r.get(c.column("mean_test_accuracy")), r.get(c.column("sd_test_accuracy"))))
          .append(validation ? meanSd(r.get(c.column("mean_val_accuracy")), r.get(c.column("sd_val_accuracy"))) : "")
          .append(num(r.get(c.column("best_test_accuracy")), "%.4f"))
          .append(num(r.get(c.column("mean_samples_seen")), "%,.0f"))
          .append(num(r.get(c.column("mean_seconds")), "%.1f")).append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /** Per method, the parameters whose value differs between its configurations on {@code dataset}. */
  private static Map<String, Set<String>> varying(QueryResult c, String dataset) {
    Map<String, List<Map<String, String>>> byMethod = new TreeMap<>();
    for (List<Object> r : c.rows()) {
      if (dataset.equals(r.get(c.column("dataset")))) {
        byMethod.computeIfAbsent((String) r.get(c.column("method")), k -> new ArrayList<>())
            .add(params((String) r.get(c.column("configuration"))));
      }
    }
    return VaryingParams.of(byMethod);
  }

  private static Map<String, String> params(String configuration) {
    Map<String, String> out = new TreeMap<>();
    Matcher m = PARAM.matcher(configuration == null ? "" : configuration);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  private static String shortConfig(String configuration, Set<String> keys) {
    Map<String, String> p = params(configuration);
    StringBuilder s = new StringBuilder();
    for (String k : keys) {
      s.append(s.length() > 0 ? " " : "").append(k).append('=').append(p.get(k));
    }
    return s.length() == 0 ? "(the only one)" : s.toString();
  }

  /** The rows of {@code r} (those of data set {@code only[0]} when given), every column as text. */
  private static void table(StringBuilder b, QueryResult r, List<String> only) {
    int d = r.columns().indexOf("dataset");
    b.append("<table><tr>");
    r.columns().forEach(col -> b.append("<th>").append(esc(col)).append("</th>"));
    b.append("</tr>\n");
    for (List<Object> row : r.rows()) {
      if (!only.isEmpty() && d >= 0 && !only.get(0).equals(row.get(d))) {
        continue;
      }
      b.append("<tr>");
      for (Object v : row) {
        b.append(v instanceof Number ? num(v, v instanceof Double ? "%.4g" : "%.0f")
            : "<td>" + esc(v == null ? "" : String.valueOf(v)) + "</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static String meanSd(Object mean, Object sd) {
    if (mean == null) {
      return "<td class=\"n\">-</td>";
    }
    return "<td class=\"n\">" + String.format("%.4f ± %.4f", ((Number) mean).doubleValue(),
        sd == null ? 0.0 : ((Number) sd).doubleValue()) + "</td>";
  }

  private static String num(Object v, String format) {
    return "<td class=\"n\">" + (v == null ? "-" : String.format(format, ((Number) v).doubleValue())) + "</td>";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
