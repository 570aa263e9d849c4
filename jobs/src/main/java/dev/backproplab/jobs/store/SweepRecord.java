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
  private static final List<String> RUN_KEYS =
      List.of("sweep_id", "file", "mode", "code_version", "started_at", "master", "application_id");

  private SweepRecord() {}

  /**
   * The run metadata of the sweeps {@code sweeps} (all when empty) recorded in {@code root}: sweep id,
   * file, mode, code version, start time, Spark master and application; a sweep without a readable
   * record is left out.
   */
  public static List<Map<String, Object>> runs(String root, java.util.Collection<String> sweeps,
      org.apache.hadoop.conf.Configuration conf) {
    List<Map<String, Object>> out = new ArrayList<>();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root, "sweeps");
    try {
      org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return out;
      }
      for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (!name.endsWith(".yaml") || name.startsWith(".")
            || !(sweeps.isEmpty() || sweeps.contains(name.substring(0, name.length() - 5)))) {
          continue;
        }
        try (java.io.InputStream in = fs.open(f.getPath())) {
          Object doc = new Yaml().load(in);
          if (doc instanceof Map<?, ?> m) {
            Map<String, Object> run = new LinkedHashMap<>();
            RUN_KEYS.forEach(k -> run.put(k, m.get(k)));
            out.add(run);
          }
        } catch (RuntimeException e) {
          // an unreadable record leaves its run out of the list; the tables themselves are intact
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    out.sort(java.util.Comparator.comparing(r -> String.valueOf(r.get("sweep_id"))));
    return out;
  }

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
