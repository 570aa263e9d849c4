package dev.backproplab.datasets.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a tar.gz archive with commons-compress, refusing any entry whose normalised path would land
 * outside the destination folder ("zip slip": {@code ../x}, absolute paths) and any symbolic or hard
 * link. Only regular files and directories are written. Stateless.
 */
public final class TarGzExtractor {
  private TarGzExtractor() {}

  /**
   * Extracts {@code archive} into {@code destination} (which must exist).
   *
   * @param what a name for the archive in messages (e.g. its URL)
   * @throws FetchException naming the entry and where it would have gone, if an entry is unsafe; files
   *     extracted before it are left in {@code destination} (callers extract into a staging folder and
   *     delete it)
   * @throws IOException if the archive cannot be read
   */
  public static void extract(Path archive, Path destination, String what) throws IOException {
    Path root = destination.toAbsolutePath().normalize();
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(file)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root) && !entry.isDirectory()) {
          throw new FetchException("Refusing to extract " + what + ": its entry '" + entry.getName()
              + "' would be written to " + target + ", outside the folder it is extracted into (" + root
              + "); expected every entry to stay inside it. The archive is unsafe or corrupt; nothing from it "
              + "was kept.");
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
          throw new FetchException("Refusing to extract " + what + ": its entry '" + entry.getName()
              + "' is a link (to '" + entry.getLinkName() + "'); expected only regular files and folders. "
              + "Nothing from it was kept.");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
