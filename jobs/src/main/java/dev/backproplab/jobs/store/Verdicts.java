package dev.backproplab.jobs.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The verdicts of {@code bpl compare}, one file per compared run:
 * {@code <results>/verdicts/<sweep name>/<run id>.yaml} with the verdict ({@code clean} or
 * {@code regression}), the baseline, the tolerances and the regressions. A later comparison of the
 * same run replaces its file. Written under a hidden name and renamed into place, so a reader sees
 * the whole old file or the whole new one (elsewhere than on the local file system, possibly none
 * for a moment), never a part. {@code last-good} is read from here: the newest run whose verdict is
 * clean.
 */
public final class Verdicts {
  /** The verdict of a run with no regression. */
  public static final String CLEAN = "clean";
  /** The verdict of a run with at least one. */
  public static final String REGRESSION = "regression";

  private final Path dir;
  private final Configuration conf;

  /** The verdicts in results folder {@code root}. */
  public Verdicts(String root, Configuration conf) {
    this.dir = new Path(root, "verdicts");
    this.conf = conf;
  }

  /** Writes (or replaces) the verdict file of {@code run} of sweep {@code name}; {@code record} must hold {@code verdict}. */
  public void write(String name, String run, Map<String, Object> record) throws IOException {
    if (!(CLEAN.equals(record.get("verdict")) || REGRESSION.equals(record.get("verdict")))) {
      throw new IllegalArgumentException("a verdict record needs verdict: clean or regression, got " + record);
    }
    Path sweepDir = new Path(dir, name);
    FileSystem fs = ResultsStore.recordFs(sweepDir, conf);
    fs.mkdirs(sweepDir);
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path tmp = new Path(sweepDir, "." + run + ".yaml." + UUID.randomUUID());
    try (OutputStream out = NewFiles.create(fs, tmp, false)) {
      out.write(new Yaml(o).dump(record).getBytes(StandardCharsets.UTF_8));
    }
    ResultsStore.publishReplacing(fs, tmp, new Path(sweepDir, run + ".yaml"));
  }

  /** The verdicts of every sweep with any: sweep name to {@link #of} it. */
  public Map<String, Map<String, String>> all() throws IOException {
    FileSystem fs = ResultsStore.recordFs(dir, conf);
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (fs.exists(dir)) {
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.isDirectory() && !f.getPath().getName().startsWith(".")) {
          out.put(f.getPath().getName(), of(f.getPath().getName()));
        }
      }
    }
    return out;
  }

  /** The verdict of each compared run of sweep {@code name}, by run id; an unreadable file is left out. */
  public Map<String, String> of(String name) throws IOException {
    Path sweepDir = new Path(dir, name);
    FileSystem fs = ResultsStore.recordFs(sweepDir, conf);
    Map<String, String> out = new TreeMap<>();
    if (!fs.exists(sweepDir)) {
      return out;
    }
    for (FileStatus f : fs.listStatus(sweepDir)) {
      String file = f.getPath().getName();
      if (!file.endsWith(".yaml") || file.startsWith(".")) {
        continue;
      }
      try {
        if (new Yaml().load(ResultsStore.readText(fs, f.getPath())) instanceof Map<?, ?> m
            && m.get("verdict") instanceof String v) {
          out.put(file.substring(0, file.length() - ".yaml".length()), v);
        }
      } catch (RuntimeException unreadable) {
        // a damaged verdict counts as none: that run is not last-good
      }
    }
    return out;
  }
}
