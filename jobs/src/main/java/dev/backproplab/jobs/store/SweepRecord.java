package dev.backproplab.jobs.store;

import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.BuildInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The text of {@code <results>/sweeps/<id>.yaml}: the sweep file as written, every resolved trial
 * (id, method, model, budget, seed, parameters) and the run that wrote it (mode, code version,
 * master, application, start time), so a row of the tables can be traced back to what produced it.
 */
public final class SweepRecord {
  private SweepRecord() {}

  /**
   * @param sweepId the sweep id
   * @param mode how it runs, e.g. {@code sweep (trial per task)}
   * @param file the sweep file's name
   * @param sourceText the sweep file as written
   * @param trials the resolved trials
   * @param sc the Spark context running it
   */
  public static String yaml(String sweepId, String mode, String file, String sourceText, List<TrialSpec> trials,
      SparkContext sc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep_id", sweepId);
    m.put("file", file);
    m.put("mode", mode);
    m.put("code_version", BuildInfo.version());
    m.put("started_at", Instant.now().toString());
    m.put("master", sc.master());
    m.put("application_id", sc.applicationId());
    List<Map<String, Object>> list = new ArrayList<>();
    for (TrialSpec t : trials) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trial_id", t.trialId());
      row.put("method", t.method());
      row.put("model", t.model().describe());
      row.put("budget", t.budget().describe());
      row.put("seed", t.seed());
      row.put("params", new LinkedHashMap<>(t.params()));
      list.add(row);
    }
    m.put("trials", list);
    m.put("source", sourceText);
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(o).dump(m);
  }
}
