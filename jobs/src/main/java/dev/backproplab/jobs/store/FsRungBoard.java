package dev.backproplab.jobs.store;

import dev.backproplab.core.stopping.RungBoard;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The rung board of a sweep as small files beside its results,
 * {@code <results>/_rungs/<sweep>/<rung>/<trial>} (a search's: {@code _rungs/<sweep>/search=<id>/...}), each holding one value as text and written under
 * a hidden temporary name then renamed, so a reader sees whole values only. Every executor of the
 * sweep reads and writes the same folder, which is what lets trials on different machines compare.
 */
final class FsRungBoard implements RungBoard {
  private final FileSystem fs;
  private final Path dir;

  /** The board of {@code group}: a sweep id, or {@code <sweep>/search=<id>}. */
  FsRungBoard(String root, String group, Configuration conf) throws IOException {
    this.dir = new Path(new Path(root, "_rungs"), group);
    this.fs = dir.getFileSystem(conf);
  }

  @Override
  public void post(int rung, String trialId, double value) {
    Path rungDir = new Path(dir, Integer.toString(rung));
    Path target = new Path(rungDir, trialId);
    try {
      if (!SmallFiles.replace(fs, target, Double.toString(value).getBytes(StandardCharsets.UTF_8))) {
        throw new IOException("could not rename a new value into " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not post to the rung board " + rungDir, e);
    }
  }

  @Override
  public List<Double> values(int rung) {
    Path rungDir = new Path(dir, Integer.toString(rung));
    List<Double> out = new ArrayList<>();
    try {
      if (!fs.exists(rungDir)) {
        return out;
      }
      for (FileStatus f : fs.listStatus(rungDir)) {
        String name = f.getPath().getName();
        if (name.startsWith(".")) {
          continue;
        }
        try (InputStream in = fs.open(f.getPath())) {
          out.add(Double.parseDouble(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
        } catch (FileNotFoundException replacedMeanwhile) {
          // its trial is re-posting; its new value will be there for the next reader
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the rung board " + rungDir, e);
    }
  }
}
