package dev.backproplab.jobs.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The reading side of the results folder's files: which Parquet files of a table a reader should
 * see, and whether each can be read. The one place that decides "readable" for resume (which
 * verifies what it skips) and for the query views (which skip and list what they cannot read), so
 * every reader of the folder (Spark SQL, DuckDB views built from {@link #scan}) agrees.
 *
 * <p>A file is visible when its name ends in {@code .parquet} and starts with neither {@code .} nor
 * {@code _} (the names Spark, Hive and DuckDB's globs skip or that the store uses for work in
 * progress); it is readable when its Parquet footer parses.
 */
public final class ResultFiles {
  /** The suffix of files being written; never matches a {@code *.parquet} glob. */
  static final String IN_PROGRESS = ".inprogress";

  private ResultFiles() {}

  /** A table's files split into those a reader can use and those it cannot, with the reason. */
  public record Scan(List<Path> readable, List<String> unreadable) {
    public Scan {
      readable = List.copyOf(readable);
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * Lists every visible Parquet file under {@code tableDir} (recursively) and reads its footer.
   * A missing folder is an empty table.
   */
  public static Scan scan(Path tableDir, Configuration conf) throws IOException {
    List<Path> ok = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (FileStatus f : visible(tableDir, conf)) {
      String problem = footerProblem(f, conf);
      if (problem == null) {
        ok.add(f.getPath());
      } else {
        bad.add(f.getPath() + ": " + problem);
      }
    }
    return new Scan(ok, bad);
  }

  /** The visible Parquet files under {@code dir}, recursively; none when it does not exist. */
  static List<FileStatus> visible(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    List<FileStatus> out = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it;
    try {
      it = fs.listFiles(dir, true);
    } catch (FileNotFoundException e) {
      return out;
    }
    String dirPath = fs.makeQualified(dir).toUri().getPath();
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      if (isVisible(dirPath, f.getPath())) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether {@code file}'s name ends in .parquet and no part of its path below {@code dirPath} is hidden. */
  private static boolean isVisible(String dirPath, Path file) {
    String path = file.toUri().getPath();
    String below = path.startsWith(dirPath) ? path.substring(dirPath.length()) : file.getName();
    for (String part : below.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return false;
      }
    }
    return file.getName().endsWith(".parquet");
  }

  /** Null when the file's footer reads, else what is wrong. */
  static String footerProblem(FileStatus f, Configuration conf) {
    if (f.getLen() == 0) {
      return "empty file";
    }
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
      r.getFooter();
      return null;
    } catch (IOException | RuntimeException e) {
      return "not a readable Parquet file (" + e.getMessage() + ")";
    }
  }

  /**
   * Null when {@code f} is a readable trial row file holding exactly one row of trial
   * {@code trialId}, else what is wrong.
   */
  static String trialRowProblem(FileStatus f, String trialId, Configuration conf) {
    String footer = footerProblem(f, conf);
    if (footer != null) {
      return footer;
    }
    try (ParquetReader<Group> r =
        ParquetReader.builder(new GroupReadSupport(), f.getPath()).withConf(conf).build()) {
      Group row = r.read();
      if (row == null) {
        return "no row";
      }
      String found = row.getString("trial_id", 0);
      if (!trialId.equals(found)) {
        return "its row is trial " + found + ", not " + trialId + " as its name says";
      }
      return r.read() == null ? null : "more than one row";
    } catch (IOException | RuntimeException e) {
      return "its row cannot be read (" + e.getMessage() + ")";
    }
  }
}
