package dev.backproplab.jobs.store;

import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.BuildInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The text of {@code <results>/sweeps/<id>.yaml}: the sweep file as written, every resolved trial
 * (id, method, model, budget, seed, parameters) and the run that wrote it (mode, code version,
 * master, application, start time), so a row of the tables can be traced back to what produced it.
 *
 * <p>A sweep file edited and run again under the same name is a new <em>revision</em> when its set
 * of trials changed: the top level describes the current revision ({@code revision: N}) and
 * {@code earlier_revisions} keeps every earlier one whole, so nothing that produced a row is lost.
 * Rows of trials a revision removed stay in the tables; the {@code current_trials} view selects the
 * current revision's.
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
   * @param trials the resolved trials, with the candidates of its searches evaluated so far
   * @param searches the ids of the sweep's searches (its method blocks with a {@code tune:})
   * @param sc the Spark context running it
   */
  public static String yaml(String sweepId, String mode, String file, String sourceText, List<TrialSpec> trials,
      List<String> searches, SparkContext sc) {
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
      if (t.search() != null) {
        row.put("search", t.search().searchId());
        row.put("generation", t.search().generation());
        row.put("candidate", t.search().candidate());
      }
      list.add(row);
    }
    if (!searches.isEmpty()) {
      m.put("searches", List.copyOf(searches));
    }
    m.put("trials", list);
    m.put("source", sourceText);
    return dump(m);
  }

  /** A record merged with the one already written: its text and the lines that tell the user what changed. */
  public record Merged(String yaml, List<String> changes) {}

  /**
   * Merges the record of this run ({@code current}, from {@link #yaml}) into the one already
   * written ({@code previous}, null when none): the same trials keep the revision number; a changed
   * set of trials starts the next revision, keeping the previous one under {@code earlier_revisions}.
   * A search's trials are not known in advance: its candidates join the record as it runs, and the
   * revision compares the searches by id instead.
   */
  @SuppressWarnings("unchecked")
  public static Merged merge(String previous, String current) {
    Map<String, Object> now = (Map<String, Object>) new Yaml().load(current);
    if (previous == null) {
      now.put("revision", 1);
      return new Merged(dump(now), List.of());
    }
    Map<String, Object> before = (Map<String, Object>) new Yaml().load(previous);
    int revision = before.get("revision") instanceof Integer r ? r : 1;
    List<Object> earlier = new ArrayList<>(
        before.get("earlier_revisions") instanceof List<?> l ? (List<Object>) l : List.of());
    Map<String, Map<String, Object>> was = byId(before);
    Map<String, Map<String, Object>> is = byId(now);
    List<String> changes = new ArrayList<>();
    if (!revisionKeys(before, was).equals(revisionKeys(now, is))) {
      before.remove("earlier_revisions");
      earlier.add(before);
      revision++;
      List<String> added = is.keySet().stream().filter(id -> !was.containsKey(id) && !is.get(id).containsKey("search"))
          .toList();
      List<String> removed = was.keySet().stream()
          .filter(id -> !is.containsKey(id) && !was.get(id).containsKey("search")).toList();
      changes.add("the sweep file changed since revision " + (revision - 1) + " of sweep '" + now.get("sweep_id")
          + "': " + added.size() + " trials added, " + removed.size() + " removed; this is revision " + revision
          + " (earlier rows stay; the current_trials view holds this revision's)");
      describe(changes, "added", added, is);
      describe(changes, "removed", removed, was);
      List<Object> searchesBefore = searches(before);
      List<Object> searchesNow = searches(now);
      if (!searchesBefore.equals(searchesNow)) {
        changes.add("  searches (tune: blocks) were " + searchesBefore + ", now " + searchesNow
            + " (a changed tune: block is a new search)");
      }
    }
    now.put("revision", revision);
    if (!earlier.isEmpty()) {
      now.put("earlier_revisions", earlier);
    }
    return new Merged(dump(now), changes);
  }

  /** What makes a revision: the ids of the trials outside searches and the ids of the searches. */
  private static Set<String> revisionKeys(Map<String, Object> record, Map<String, Map<String, Object>> trials) {
    Set<String> keys = new TreeSet<>();
    trials.forEach((id, t) -> {
      if (!t.containsKey("search")) {
        keys.add(id);
      }
    });
    searches(record).forEach(s -> keys.add("search " + s));
    return keys;
  }

  private static List<Object> searches(Map<String, Object> record) {
    return record.get("searches") instanceof List<?> l ? List.copyOf(l) : List.of();
  }

  /** The trial ids of a record's current revision. */
  public static List<String> currentTrialIds(String yaml) {
    return List.copyOf(byId(load(yaml)).keySet());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml().load(yaml);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> byId(Map<String, Object> record) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (record.get("trials") instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> t = (Map<String, Object>) o;
        out.put(String.valueOf(t.get("trial_id")), t);
      }
    }
    return out;
  }

  private static void describe(List<String> lines, String what, List<String> ids, Map<String, Map<String, Object>> trials) {
    int shown = Math.min(ids.size(), 10);
    for (String id : ids.subList(0, shown)) {
      Map<String, Object> t = trials.get(id);
      lines.add("  " + what + ": " + t.get("method") + " " + t.get("params") + " seed " + t.get("seed") + " (" + id + ")");
    }
    if (ids.size() > shown) {
      lines.add("  ... and " + (ids.size() - shown) + " more " + what);
    }
  }

  private static String dump(Map<String, Object> m) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(o).dump(m);
  }
}
