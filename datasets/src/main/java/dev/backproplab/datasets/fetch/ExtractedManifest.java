package dev.backproplab.datasets.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksums of files extracted from a verified archive, written beside them as {@code SHA256SUMS}
 * (the format of {@code sha256sum}: {@code <hex>  <name>} per line). Data sets published only as an
 * archive with one checksum (CIFAR-10) have no per-file checksum in the registry; this manifest, written
 * after the archive's checksum matched, lets {@code verify} re-check the single files later. Stateless.
 */
public final class ExtractedManifest {
  /** The manifest's file name. */
  public static final String FILE_NAME = "SHA256SUMS";

  private ExtractedManifest() {}

  /** Writes {@code sums} (file name to SHA-256) into {@code dir}, atomically. */
  public static void write(Path dir, Map<String, String> sums) throws IOException {
    StringBuilder sb = new StringBuilder();
    sums.forEach((name, sha) -> sb.append(sha).append("  ").append(name).append('\n'));
    Path tmp = Files.createTempFile(dir, "." + FILE_NAME + ".", ".part");
    try {
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      DatasetFetcher.moveAtomically(tmp, dir.resolve(FILE_NAME));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Parses manifest text into file name to SHA-256; malformed lines are skipped. */
  public static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+\\*?", 2);
      if (parts.length == 2 && parts[0].matches("[0-9a-f]{64}")) {
        out.put(parts[1].trim(), parts[0]);
      }
    }
    return out;
  }
}
