package dev.backproplab.jobs.compare;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.query.QueryEngine;
import dev.backproplab.jobs.query.QueryResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The runs of one sweep in a results folder ({@code bpl sweep --run-id}), read through the views:
 * the runs, oldest first, and each run's trials with their curves.
 */
public final class SweepRuns {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

  /**
   * One run.
   *
   * @param runId the run id
   * @param sweepId its sweep id, {@code <name>.<run id>}
   * @param startedAt when its first trial started (ISO-8601, UTC)
   * @param gitCommit the commit of the build that ran it, or null
   * @param datasetSha256 the checksum of the data it trained on
   * @param trials its trials in the current revision
   */
  public record Run(String runId, String sweepId, String startedAt, String gitCommit, String datasetSha256,
      long trials) {}

  private final QueryEngine engine;
  private final String name;

  /** The runs of the sweep {@code name} that {@code engine} sees. */
  public SweepRuns(QueryEngine engine, String name) {
    this.engine = engine;
    this.name = literal(name);
  }

  /** The runs, oldest first (by the start of their first trial). */
  public List<Run> list() {
    QueryResult r = engine.query("SELECT run_id, sweep_id, CAST(started_at AS STRING) AS started_at, git_commit,"
        + " dataset_sha256, trials FROM sweep_runs WHERE sweep_name = '" + name + "' AND run_id IS NOT NULL"
        + " ORDER BY started_at, run_id");
    List<Run> out = new ArrayList<>();
    for (List<Object> row : r.rows()) {
      out.add(new Run((String) row.get(0), (String) row.get(1), String.valueOf(row.get(2)), (String) row.get(3),
          (String) row.get(4), ((Number) row.get(5)).longValue()));
    }
    return out;
  }

  /** The trials of {@code run} in its current revision, each with its curve. */
  public List<TrialRow> trials(Run run) {
    String id = literal(run.sweepId());
    QueryResult points = engine.query("SELECT trial_id, samples_seen, wall_seconds,"
        + " coalesce(val_accuracy, test_accuracy) AS accuracy FROM curves WHERE sweep_id = '" + id + "'"
        + " ORDER BY trial_id, samples_seen, step");
    Map<String, List<TrialRow.Point>> curves = new HashMap<>();
    for (List<Object> p : points.rows()) {
      if (p.get(3) instanceof Number accuracy) {
        curves.computeIfAbsent((String) p.get(0), k -> new ArrayList<>()).add(new TrialRow.Point(
            ((Number) p.get(1)).longValue(), ((Number) p.get(2)).doubleValue(), accuracy.doubleValue()));
      }
    }
    QueryResult trials = engine.query("SELECT trial_id, method, model, budget, configuration, status,"
        + " final_val_accuracy, final_test_accuracy, params FROM current_trials WHERE sweep_id = '" + id + "'");
    List<TrialRow> out = new ArrayList<>();
    for (List<Object> t : trials.rows()) {
      Map<String, String> params = new HashMap<>();
      if (t.get(8) instanceof Map<?, ?> m) {
        m.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
      }
      out.add(new TrialRow((String) t.get(1), t.get(2) + " " + t.get(3) + " " + t.get(4), params, (String) t.get(5),
          number(t.get(6)), number(t.get(7)), curves.getOrDefault((String) t.get(0), List.of())));
    }
    return out;
  }

  private static Double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }

  /** A sweep name or id, checked before it goes into SQL text. */
  private static String literal(String id) {
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException("'" + id + "' is not a sweep name: expected letters, digits, '-' and '_'");
    }
    return id;
  }
}
