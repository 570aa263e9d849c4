package dev.backproplab.jobs.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one way the store replaces a small file that readers poll (a rung-board value, a heartbeat):
 * written under a hidden name beside it ({@code .<name>.<uuid>}, skipped by every reader), then
 * renamed over it, so a reader sees the old file, no file, or the whole new one, never a part.
 */
final class SmallFiles {
  private SmallFiles() {}

  /**
   * Replaces {@code target} with {@code bytes}.
   *
   * @return false when the rename failed (the hidden file is removed again)
   */
  static boolean replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID());
    try (OutputStream out = NewFiles.create(fs, tmp, false)) {
      out.write(bytes);
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      return false;
    }
    return true;
  }
}
