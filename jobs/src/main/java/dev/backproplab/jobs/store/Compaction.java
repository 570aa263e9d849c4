package dev.backproplab.jobs.store;

import dev.backproplab.core.trial.TrialStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Merges the small files of a sweep's method partitions, one row file per trial attempt and one curve
 * file per attempt, into one {@code compacted-<id>.parquet} per partition and table. Query engines pay
 * a reader set-up per file they open (about 20 ms each for Spark on a 2-core machine: 1,000 one-row
 * trial files took 11 s to scan), so a compacted sweep is read in a handful of opens.
 *
 * <p>A compacted file names in its footer ({@value #COVERS}) the files of its folder it holds the rows
 * of; {@link ResultsFiles} leaves covered files out of every listing, so readers never count a row
 * twice while both exist. The steps, each safe to stop after:
 * <ol>
 *   <li>the curves: merged into a hidden file, synced, renamed to {@code curves/.../compacted-<id>.parquet};
 *   <li>the trial rows: the same into {@code trials/.../compacted-<id>.parquet} after checking the run
 *       still owns the sweep's lock: the commit point, as a trial row is for a trial;
 *   <li>the covered files deleted, one at a time.
 * </ol>
 * {@link #finish} (run by {@link ResultsStore#recover} under the lock) rolls a stopped compaction back
 * when its trial file is missing (deletes its curve file) and forward when it is there (deletes what it
 * covers). A curve file is compacted only when its attempt's trial row is, so a curve left by a dead
 * attempt stays a file that the attempt's re-run replaces.
 */
public final class Compaction {
  /**
   * Trial files a method folder holds before a sweep run compacts it at its end, by default: below it,
   * a query's cost per file is under a second on Spark, and a small sweep keeps a file per trial to
   * look at.
   */
  public static final int AT_RUN_END = 64;
  /** Hadoop configuration key ({@code spark.hadoop.} prefixed in Spark's) overriding {@link #AT_RUN_END}. */
  public static final String AT_RUN_END_KEY = "bpl.results.compact-at";

  /** Name prefix of compacted files; never a trial row's name (trial ids are hex). */
  static final String PREFIX = "compacted-";
  /** Footer key: the names of the files (in the same folder) whose rows the file holds, one a line. */
  static final String COVERS = "bpl.compacted.covers";

  /** What compacting a sweep did: files before and after, and partitions left as they were, with why. */
  public record Outcome(int filesBefore, int filesAfter, List<String> notes) {
    public Outcome {
      notes = List.copyOf(notes);
    }
  }

  /** One step of compacting a partition; a run stopped between two steps leaves a correct folder. */
  interface Step {
    void run() throws IOException;
  }

  private Compaction() {}

  /** Whether {@code name} is a compacted file's. */
  static boolean isCompacted(String name) {
    return name.startsWith(PREFIX) && name.endsWith(".parquet");
  }

  /**
   * Compacts every method partition of {@code sweepId} in {@code store} that holds at least
   * {@code minTrialFiles} trial files: call it holding the sweep's lock, after {@link ResultsStore#recover}.
   */
  public static Outcome compact(ResultsStore store, String sweepId, SweepLock.Claim claim, Configuration conf,
      int minTrialFiles) throws IOException {
    int before = 0;
    int after = 0;
    List<String> notes = new ArrayList<>();
    for (Path trials : methodDirs(store, "trials", sweepId, conf)) {
      Path curves = curvesOf(trials);
      int trialFiles = ResultsFiles.visible(trials, conf).size();
      before += trialFiles + ResultsFiles.visible(curves, conf).size();
      try {
        if (trialFiles < minTrialFiles) {
          continue;
        }
        for (Step s : plan(trials, curves, claim, conf)) {
          s.run();
        }
      } catch (Incompatible e) {
        notes.add("left " + trials + " as it is: " + e.getMessage());
      } finally {
        after += ResultsFiles.visible(trials, conf).size() + ResultsFiles.visible(curves, conf).size();
      }
    }
    return new Outcome(before, after, notes);
  }

  /**
   * The steps that compact one partition ({@code trials} and its {@code curves} folder); none when it
   * is one file per table already.
   *
   * @throws Incompatible when a file's columns are not the writer's (written by another program)
   */
  static List<Step> plan(Path trials, Path curves, SweepLock.Claim claim, Configuration conf) throws IOException {
    List<FileStatus> rows = ResultsFiles.visible(trials, conf);
    Set<String> committed = new HashSet<>();
    for (FileStatus f : rows) {
      for (ResultsStore.Committed c : committedIn(f, conf)) {
        committed.add(c.trialId() + "-" + c.attempt());
      }
    }
    List<FileStatus> curveFiles = new ArrayList<>();
    for (FileStatus f : ResultsFiles.visible(curves, conf)) {
      String name = f.getPath().getName();
      if (isCompacted(name) || committed.contains(name.substring(0, name.length() - ".parquet".length()))) {
        curveFiles.add(f);
      }
    }
    if (rows.size() <= 1 && curveFiles.size() <= 1) {
      return List.of();
    }
    for (FileStatus f : rows) {
      check(f, ResultTables.TRIALS, conf);
    }
    for (FileStatus f : curveFiles) {
      check(f, ResultTables.CURVES, conf);
    }
    String name = PREFIX + UUID.randomUUID() + ".parquet";
    FileSystem fs = trials.getFileSystem(conf);
    List<Step> steps = new ArrayList<>();
    steps.add(() -> merge(fs, curveFiles, new Path(curves, name), ResultTables.CURVES, null, conf));
    steps.add(() -> merge(fs, rows, new Path(trials, name), ResultTables.TRIALS, claim, conf));
    for (FileStatus f : rows) {
      steps.add(() -> fs.delete(f.getPath(), false));
    }
    for (FileStatus f : curveFiles) {
      steps.add(() -> fs.delete(f.getPath(), false));
    }
    return steps;
  }

  /**
   * Ends compactions a run stopped in the middle of, in {@code sweepId}: a curve file whose trial file
   * is missing is deleted (that compaction never committed; the files it covers are all there), and
   * the files a committed compaction covers are deleted.
   *
   * @return one line per file deleted, for the user
   */
  static List<String> finish(ResultsStore store, String sweepId, Configuration conf) throws IOException {
    List<String> notes = new ArrayList<>();
    for (Path curves : methodDirs(store, "curves", sweepId, conf)) {
      Path trials = trialsOf(curves);
      FileSystem fs = curves.getFileSystem(conf);
      for (FileStatus f : ResultsFiles.visible(curves, conf)) {
        String name = f.getPath().getName();
        if (isCompacted(name) && !fs.exists(new Path(trials, name)) && fs.delete(f.getPath(), false)) {
          notes.add("deleted " + f.getPath() + ", left by a compaction that did not finish");
        }
      }
      for (Path dir : List.of(trials, curves)) {
        Set<String> covered = new LinkedHashSet<>();
        for (FileStatus f : ResultsFiles.all(dir, conf)) {
          if (isCompacted(f.getPath().getName()) && fs.exists(new Path(trials, f.getPath().getName()))) {
            covered.addAll(covers(f, conf));
          }
        }
        for (String c : covered) {
          if (fs.delete(new Path(dir, c), false)) {
            notes.add("deleted " + new Path(dir, c) + ", whose rows a finished compaction holds");
          }
        }
      }
    }
    return notes;
  }

  /** The names a compacted file covers (none for any other file, or when its footer is unreadable). */
  static List<String> covers(FileStatus f, Configuration conf) {
    if (!isCompacted(f.getPath().getName())) {
      return List.of();
    }
    try {
      String text = ResultsFiles.fileMetaData(f, conf).getKeyValueMetaData().get(COVERS);
      return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The trial attempts a trial file holds: from a row file's name, or from a compacted file's rows. */
  static List<ResultsStore.Committed> committedIn(FileStatus f, Configuration conf) throws IOException {
    String name = f.getPath().getName();
    if (!isCompacted(name)) {
      ResultsStore.Committed c = ResultsStore.parse(name);
      return c == null ? List.of() : List.of(c);
    }
    List<ResultsStore.Committed> out = new ArrayList<>();
    try (ParquetReader<Group> r = ResultsFiles.rows(f.getPath(), conf)) {
      for (Group g = r.read(); g != null; g = r.read()) {
        out.add(new ResultsStore.Committed(g.getString("trial_id", 0), g.getInteger("attempt", 0),
            TrialStatus.valueOf(g.getString("status", 0))));
      }
    }
    return out;
  }

  /** Writes the rows of {@code sources} into {@code target} under a hidden name, then renames it into place. */
  private static void merge(FileSystem fs, List<FileStatus> sources, Path target, MessageType schema,
      SweepLock.Claim claim, Configuration conf) throws IOException {
    List<String> names = sources.stream().map(f -> f.getPath().getName()).toList();
    Path tmp = new Path(target.getParent(), "." + UUID.randomUUID() + ResultsFiles.IN_PROGRESS);
    Map<String, String> footer = Map.of(COVERS, String.join("\n", names));
    try (ParquetWriter<Group> w = ResultTables.writer(tmp, conf, schema, footer, true)) {
      for (FileStatus f : sources) {
        try (ParquetReader<Group> r = ResultsFiles.rows(f.getPath(), conf)) {
          for (Group g = r.read(); g != null; g = r.read()) {
            w.write(copy(g, new org.apache.parquet.example.data.simple.SimpleGroup(schema)));
          }
        }
      }
    }
    if (claim != null) {
      try {
        claim.verify(conf);
      } catch (SweepLock.LostException e) {
        fs.delete(tmp, false);
        throw e;
      }
    }
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      throw new IOException("could not rename " + tmp + " to " + target);
    }
  }

  /** Copies every value of {@code from} into the field of the same name of {@code to}; returns {@code to}. */
  private static Group copy(Group from, Group to) {
    GroupType type = from.getType();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      int target = to.getType().getFieldIndex(field.getName());
      for (int r = 0; r < from.getFieldRepetitionCount(i); r++) {
        if (!field.isPrimitive()) {
          copy(from.getGroup(i, r), to.addGroup(target));
          continue;
        }
        switch (field.asPrimitiveType().getPrimitiveTypeName()) {
          case BINARY -> to.add(target, from.getBinary(i, r));
          case INT32 -> to.add(target, from.getInteger(i, r));
          case INT64 -> to.add(target, from.getLong(i, r));
          case DOUBLE -> to.add(target, from.getDouble(i, r));
          case BOOLEAN -> to.add(target, from.getBoolean(i, r));
          default -> throw new IllegalStateException("checked already: " + field);
        }
      }
    }
    return to;
  }

  /** Refuses a file whose columns are not a part of the writer's schema, or that lacks a required one. */
  private static void check(FileStatus f, MessageType writer, Configuration conf) throws IOException {
    String problem = difference(ResultsFiles.fileMetaData(f, conf).getSchema(), writer);
    if (problem != null) {
      throw new Incompatible(f.getPath().getName() + " " + problem);
    }
  }

  /** Null when {@code file}'s fields are {@code writer}'s (same names, kinds, types), its required ones included. */
  private static String difference(GroupType file, GroupType writer) {
    for (Type w : writer.getFields()) {
      if (w.isRepetition(Type.Repetition.REQUIRED) && !file.containsField(w.getName())) {
        return "lacks the column " + w.getName();
      }
    }
    for (Type t : file.getFields()) {
      if (!writer.containsField(t.getName())) {
        return "has the column " + t.getName() + ", which this version does not write";
      }
      Type w = writer.getType(t.getName());
      if (t.isPrimitive() != w.isPrimitive()
          || t.isPrimitive() && !t.asPrimitiveType().getPrimitiveTypeName().equals(w.asPrimitiveType().getPrimitiveTypeName())
          || t.isRepetition(Type.Repetition.REPEATED) != w.isRepetition(Type.Repetition.REPEATED)) {
        return "stores " + t.getName() + " as " + t + ", not as " + w;
      }
      if (!t.isPrimitive()) {
        String nested = difference(t.asGroupType(), w.asGroupType());
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  /** The method folders of {@code sweepId} under {@code table}. */
  private static List<Path> methodDirs(ResultsStore store, String table, String sweepId, Configuration conf)
      throws IOException {
    Path sweep = new Path(new Path(store.root(), table), "sweep_id=" + sweepId);
    FileSystem fs = sweep.getFileSystem(conf);
    List<Path> out = new ArrayList<>();
    if (fs.exists(sweep)) {
      for (FileStatus d : fs.listStatus(sweep)) {
        if (d.isDirectory() && d.getPath().getName().startsWith("method=")) {
          out.add(d.getPath());
        }
      }
    }
    return out;
  }

  static Path curvesOf(Path trials) {
    return sibling(trials, "curves");
  }

  private static Path trialsOf(Path curves) {
    return sibling(curves, "trials");
  }

  /** The same sweep and method folders under {@code table}. */
  private static Path sibling(Path methodDir, String table) {
    Path sweep = methodDir.getParent();
    return new Path(new Path(new Path(sweep.getParent().getParent(), table), sweep.getName()), methodDir.getName());
  }

  /** A partition whose files this version cannot merge without losing or changing a column. */
  static final class Incompatible extends IOException {
    private static final long serialVersionUID = 1L;

    Incompatible(String message) {
      super(message);
    }
  }
}
