package dev.backproplab.jobs.report;

import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runs of each sweep over time, for sweeps run under run ids ({@code bpl sweep --run-id}) at least
 * twice: per method, its best configuration's accuracy (validation, else test) and its seconds per
 * epoch in each run, oldest run first, each run labelled with its id and commit ({@code method_runs});
 * and the runs' table ({@code sweep_runs}) with each run's {@code bpl compare} verdict.
 */
final class RunHistory {
  /** Per sweep with two runs or more: name, run labels, and the two figures' series (the page's JSON). */
  final List<Map<String, Object>> figures = new ArrayList<>();
  /** Per sweep, in the order of {@link #figures}: its runs' table. */
  final List<QueryResult> tables = new ArrayList<>();

  /**
   * @param engine reads the views
   * @param verdicts per sweep name, each compared run's verdict ({@link dev.backproplab.jobs.store.Verdicts#all})
   */
  RunHistory(QueryEngine engine, Map<String, Map<String, String>> verdicts) {
    QueryResult r = engine.query("SELECT sweep_name, run_id, method, best_accuracy, seconds_per_epoch, git_commit"
        + " FROM method_runs WHERE run_id IS NOT NULL ORDER BY sweep_name, started_at, run_id, method");
    Map<String, List<List<Object>>> bySweep = new TreeMap<>();
    for (List<Object> row : r.rows()) {
      bySweep.computeIfAbsent((String) row.get(0), k -> new ArrayList<>()).add(row);
    }
    bySweep.forEach((sweep, rows) -> {
      List<String> runs = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      Map<String, List<List<Object>>> accuracy = new TreeMap<>();
      Map<String, List<List<Object>>> seconds = new TreeMap<>();
      for (List<Object> row : rows) {
        String run = (String) row.get(1);
        if (!runs.contains(run)) {
          runs.add(run);
          String commit = (String) row.get(5);
          labels.add(run + (commit == null ? "" : " @ " + commit.substring(0, Math.min(8, commit.length()))));
        }
        int x = runs.indexOf(run);
        String method = (String) row.get(2);
        if (row.get(3) != null) {
          accuracy.computeIfAbsent(method, k -> new ArrayList<>()).add(List.of(x, row.get(3)));
        }
        if (row.get(4) != null) {
          seconds.computeIfAbsent(method, k -> new ArrayList<>()).add(List.of(x, row.get(4)));
        }
      }
      if (runs.size() < 2) {
        return;
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", sweep);
      f.put("labels", labels);
      f.put("accuracy", series(accuracy, "best accuracy (validation, else test)"));
      f.put("seconds", series(seconds, "seconds per epoch"));
      figures.add(f);
      QueryResult table = engine.query("SELECT run_id, started_at, finished_at, git_commit, git_dirty, trials,"
          + " completed, failed, diverged, dataset_sha256 FROM sweep_runs WHERE sweep_name = '"
          + sweep.replace("'", "''") + "' AND run_id IS NOT NULL ORDER BY started_at, run_id");
      List<String> columns = new ArrayList<>(table.columns());
      columns.add("verdict");
      List<List<Object>> withVerdicts = new ArrayList<>();
      for (List<Object> row : table.rows()) {
        List<Object> r2 = new ArrayList<>(row);
        r2.add(verdicts.getOrDefault(sweep, Map.of()).getOrDefault((String) row.get(0), "not compared"));
        withVerdicts.add(r2);
      }
      tables.add(new QueryResult(columns, withVerdicts));
    });
  }

  private static Map<String, Object> series(Map<String, List<List<Object>>> byMethod, String y) {
    List<Map<String, Object>> out = new ArrayList<>();
    byMethod.forEach((m, points) -> out.add(ReportData.series(m, m, points, false, false)));
    return ReportData.figure(y, out);
  }
}
