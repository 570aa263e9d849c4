package dev.backproplab.datasets;

import java.util.List;

/**
 * The result of {@code bpl datasets verify NAME}.
 *
 * @param name the data set
 * @param location where its files were found
 * @param files one check per file, in registry order
 */
public record VerificationReport(String name, String location, List<FileCheck> files) {

  /** Copies the list. */
  public VerificationReport {
    files = List.copyOf(files);
  }

  /** True if no file mismatched or was unreadable (files without a known checksum do not fail it). */
  public boolean ok() {
    return files.stream().noneMatch(f -> f.status() == FileCheck.Status.MISMATCH
        || f.status() == FileCheck.Status.UNREADABLE);
  }

  /** True if every file was checked against a known checksum and matched. */
  public boolean fullyVerified() {
    return files.stream().allMatch(f -> f.status() == FileCheck.Status.OK);
  }
}
