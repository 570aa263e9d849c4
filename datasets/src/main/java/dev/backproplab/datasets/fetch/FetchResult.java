package dev.backproplab.datasets.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * What a fetch did.
 *
 * @param name the data set
 * @param directory where its files now are
 * @param files the final path of each of the data set's files, in registry order
 * @param downloaded the URLs actually downloaded (empty if everything was already present and valid)
 * @param alreadyPresent the file names that were already present and verified, so not downloaded
 */
public record FetchResult(String name, Path directory, List<Path> files, List<String> downloaded,
    List<String> alreadyPresent) {

  /** Copies the lists. */
  public FetchResult {
    files = List.copyOf(files);
    downloaded = List.copyOf(downloaded);
    alreadyPresent = List.copyOf(alreadyPresent);
  }
}
